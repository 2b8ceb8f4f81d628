// Allure 3: one self-contained HTML file in Chinese, grouped by the guide's sections, with history.
// `chsi-e2e report` (chsi_e2e/allure_report.py) runs it on a copy of the results prepared for readers.
import { defineConfig } from "allure";

export default defineConfig({
  // The title names the site version the run checked (passed by `chsi-e2e report`).
  name: process.env.CHSI_ALLURE_NAME ?? "学信网指南测试报告",
  output: "./reports/allure-report",
  // One history per site profile (chsi_e2e/profiles.py), so a 2012 run and a today's-site run never share a trend.
  historyPath: process.env.CHSI_ALLURE_HISTORY ?? "./reports/history/2012.jsonl",
  // Each run adds its results to the history the report embeds: the last ten draw the trends and keep it light.
  historyLimit: 10,
  // Allure 3 reads categories from here (a categories.json in the results is Allure 2's way and is ignored).
  // `chsi-e2e report` passes them, built from harness/evidence.py where the verdicts and their labels are spelled
  // (chsi_e2e/allure_report.py, categories()); first match wins.
  categories: JSON.parse(process.env.CHSI_ALLURE_CATEGORIES ?? "[]"),
  // Where pytest ran a test says nothing to a reader of the guide's report.
  hideLabels: ["host", "thread", "framework", "language", "package", "parentSuite", "suite", "subSuite", "testClass",
    "testMethod"],
  plugins: {
    awesome: {
      options: {
        reportName: "学信网操作指南 · 浏览器验证报告",
        singleFile: true,
        // "zh" is Allure's simplified Chinese (web-commons i18n AVAILABLE_LOCALES); what it leaves in English is
        // finished by chsi_e2e/allure_ui.py.
        reportLanguage: "zh",
        groupBy: ["epic", "feature", "story"],
        stepTreeExpansion: "expand_failed_only",
        // By name: the sections are numbered in the guide's order (e2e/conftest.py), so they read 0 目录, 1 一、… 3 三、.
        defaultSortBy: "name,asc",
        // The charts a reader of this report needs, titled in Chinese (Allure's defaults are titled in English).
        charts: [
          { type: "currentStatus", title: "本次结果" },
          { type: "statusDynamics", title: "历次结果" },
          { type: "statusTransitions", title: "结果的变化" },
          { type: "durations", title: "用时分布", groupBy: "none" },
          { type: "durationDynamics", title: "历次用时" },
        ],
      },
    },
  },
});
