// Allure 3: one self-contained HTML file in Chinese, grouped by the guide's sections, with history.
import { defineConfig } from "allure";

export default defineConfig({
  name: "学信网指南测试报告",
  output: "./reports/allure-report",
  // Kept between runs so trends show; tests that build a report point it elsewhere.
  historyPath: process.env.CHSI_ALLURE_HISTORY ?? "./reports/history/history.jsonl",
  // Allure 3 reads categories from here (a categories.json in the results is Allure 2's way and is ignored).
  // The journeys label each result with the verdicts of its checks (e2e/evidence.py, LABEL_VERDICT); first match wins.
  categories: [
    { id: "contradicted", name: "与站点不符（指南需要修订）", matchers: { labels: { guide_verdict: "^contradicted$" } } },
    { id: "guard", name: "网络隔离（有请求试图离开本机）", matchers: { message: "有请求试图离开本机" } },
    { id: "not-reached", name: "未能到达（前面一步与站点不符）", matchers: { labels: { guide_verdict: "^not reached$" } } },
    { id: "tool", name: "工具出错（需要修复测试本身）", matchers: { statuses: ["broken"] } },
    { id: "site", name: "站点行为与预期不符", matchers: { statuses: ["failed"] } },
    { id: "unclear", name: "指南本身不清楚（通过，但原文需要修订）", matchers: { labels: { guide_verdict: "^unclear$" } } },
  ],
  plugins: {
    awesome: {
      options: {
        reportName: "学信网操作指南 · 浏览器验证报告",
        singleFile: true,
        reportLanguage: "zh",
        groupBy: ["epic", "feature", "story"],
        stepTreeExpansion: "expand_failed_only",
        // By name: the sections are numbered in the guide's order (e2e/conftest.py), so they read 0 目录, 1 一、… 3 三、.
        defaultSortBy: "name,asc",
      },
    },
  },
});
