// Allure 3: one self-contained HTML file in Chinese, grouped by the guide's sections, with history.
import { defineConfig } from "allure";

export default defineConfig({
  name: "学信网指南测试报告",
  output: "./reports/allure-report",
  // Kept between runs so trends show; tests that build a report point it elsewhere.
  historyPath: process.env.CHSI_ALLURE_HISTORY ?? "./reports/history/history.jsonl",
  plugins: {
    awesome: {
      options: {
        reportName: "学信网操作指南 · 浏览器验证报告",
        singleFile: true,
        reportLanguage: "zh",
        groupBy: ["epic", "feature", "story"],
        stepTreeExpansion: "expand_failed_only",
      },
    },
  },
});
