// The self-check logic (docs/assets/self-check-logic.js) under Node's own test runner.
// Run by tests/site/test_self_check_logic.py, which passes the real catalogue's page data in
// SELF_CHECK_DATA (a JSON file written by kb.site.pages.self_check.self_check_data).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const L = require(path.join(__dirname, "../../docs/assets/self-check-logic.js"));
const data = JSON.parse(fs.readFileSync(process.env.SELF_CHECK_DATA, "utf8"));
const text = (runs) => runs.map((r) => r.text).join("");
const kinds = (doc) => doc.sections.flatMap((s) => s.items.flatMap((i) => i.paragraphs.flat()));

test("the scope lists every active problem once, under its primary area when all areas are chosen", () => {
  const state = L.emptyState(data);
  const ids = L.scopeIds(data, state);
  assert.equal(ids.length, data.order.length);
  assert.equal(new Set(ids).size, ids.length);
  for (const group of L.scope(data, state)) {
    for (const pid of group.problems) assert.equal(data.problems[pid].areas[0], group.area.id);
  }
});

test("a problem outside its primary area's scope is listed under another chosen area it belongs to", () => {
  const pid = data.order.find((p) => data.problems[p].areas.length > 1);
  const second = data.problems[pid].areas[1];
  const state = L.emptyState(data);
  state.areas = [second];
  const groups = L.scope(data, state);
  assert.equal(groups.length, 1);
  assert.equal(groups[0].area.id, second);
  assert.ok(groups[0].problems.includes(pid));
});

test("marking a problem present pre-selects its causes, measures and actions and leaves the facts empty", () => {
  const state = L.emptyState(data);
  const pid = data.order[0];
  const mark = L.setStatus(data, state, pid, "present");
  assert.deepEqual(mark.causes, data.problems[pid].causes);
  assert.deepEqual(mark.measures, data.problems[pid].measures);
  assert.equal(mark.actions.length, data.problems[pid].actions.length);
  assert.equal(mark.instances, "");
  assert.equal(mark.owner, "");
  assert.throws(() => L.setStatus(data, state, pid, "maybe"));
});

test("the list has the three sections; empty facts are placeholders, catalogue text is reference", () => {
  const state = L.emptyState(data);
  const [a, b, c] = data.order;
  L.setStatus(data, state, a, "present").instances = "2026年3月，一件来信批转后没有跟踪。\n第二件事。";
  L.setStatus(data, state, b, "partial");
  L.setStatus(data, state, c, "absent");
  const doc = L.buildList(data, state);
  assert.deepEqual(doc.sections.map((s) => s.heading), ["一、存在问题", "二、原因分析", "三、整改措施"]);
  const problems = doc.sections[0].items;
  assert.deepEqual(problems.map((i) => i.id), [a, b]);
  assert.equal(text(problems[0].paragraphs[0]), "具体表现：2026年3月，一件来信批转后没有跟踪。");
  assert.equal(text(problems[0].paragraphs[1]), "第二件事。");
  assert.equal(problems[1].paragraphs[0][1].kind, "placeholder");
  assert.match(problems[1].title, /部分存在/);
  // every catalogue sentence is marked as reference, and no reference run is unmarked
  for (const run of kinds(doc)) {
    if (run.kind === "ref") assert.ok(run.text.startsWith("【参考】"), run.text);
    if (run.kind === "placeholder") assert.ok(run.text.startsWith("【待填写"), run.text);
  }
  assert.ok(kinds(doc).some((r) => r.kind === "ref" && r.text.includes(data.problems[a].summary)));
  // owners and deadlines missing → placeholders
  const last = doc.sections[2].items[0].paragraphs.at(-1);
  assert.deepEqual(last.map((r) => r.kind), ["plain", "placeholder", "plain", "placeholder"]);
});

test("unchecking a cause removes it from the analysis; the reader's own analysis replaces the placeholder", () => {
  const state = L.emptyState(data);
  const pid = data.order[0];
  const mark = L.setStatus(data, state, pid, "present");
  const dropped = mark.causes[0];
  L.toggle(mark.causes, dropped, false);
  mark.ownCauses = "对交办件只管批转，没有盯结果。";
  const doc = L.buildList(data, state);
  const causeIds = doc.sections[1].items.map((i) => i.id);
  assert.ok(!causeIds.includes(dropped));
  assert.equal(text(doc.sections[1].items.at(-1).paragraphs[0]), "（第 1 项）对交办件只管批转，没有盯结果。");
});

test("the ledger has one row per problem marked present, in the fixed columns", () => {
  const state = L.emptyState(data);
  const [a, b, c] = data.order;
  const m = L.setStatus(data, state, a, "present");
  m.instances = "事例一";
  m.owner = "张三";
  m.deadline = "2027年6月底前";
  L.setStatus(data, state, b, "na");
  L.setStatus(data, state, c, "partial");
  const { header, rows } = L.ledger(data, state);
  assert.deepEqual(header, ["序号", "问题", "具体表现", "原因", "整改措施", "责任人", "完成时限", "完成情况"]);
  assert.equal(rows.length, 2);
  assert.deepEqual([rows[0][0], rows[0][2], rows[0][5], rows[0][6], rows[0][7]], ["1", "事例一", "张三", "2027年6月底前", ""]);
  assert.equal(rows[1][2], "【待填写具体表现】");
  assert.match(rows[0][4], /^1\. /);
});

test("a saved state loads back equal; foreign files and unknown entries are refused or dropped", () => {
  const state = L.emptyState(data);
  state.name = "李四";
  state.subject = "team";
  const m = L.setStatus(data, state, data.order[1], "present");
  m.instances = "甲";
  L.toggle(m.actions, 0, false);
  const back = L.parse(data, L.serialize(state));
  assert.equal(back.dropped, 0);
  delete back.dropped;
  assert.deepEqual(back, state);
  assert.throws(() => L.parse(data, "{"), /不是有效的 JSON/);
  assert.throws(() => L.parse(data, '{"format":"other"}'), /不是对照检视保存的文件/);
  const odd = JSON.parse(L.serialize(state));
  odd.marks.P999 = { status: "present" };
  odd.marks[data.order[1]].causes.push("C99");
  const loaded = L.parse(data, JSON.stringify(odd));
  assert.equal(loaded.dropped, 1);
  assert.ok(!loaded.marks[data.order[1]].causes.includes("C99"));
});

test("merging three members counts the members per problem and keeps each member's facts", () => {
  const [a, b, c] = data.order;
  const member = (name, marks) => {
    const s = L.emptyState(data);
    s.name = name;
    for (const [pid, status, facts] of marks) L.setStatus(data, s, pid, status).instances = facts || "";
    return s;
  };
  const team = L.merge(data, [
    member("甲", [[a, "present", "甲的事例"], [b, "absent"]]),
    member("乙", [[a, "partial", "乙的事例"], [b, "partial", "乙说b"]]),
    member("丙", [[a, "present"], [c, "na"]]),
  ]);
  assert.equal(team.subject, "team");
  assert.equal(team.members, 3);
  assert.equal(team.marks[a].members, 3);
  assert.equal(team.marks[a].status, "present");
  assert.equal(team.marks[a].instances, "甲：甲的事例\n乙：乙的事例");
  assert.equal(team.marks[b].members, 1);
  assert.equal(team.marks[b].status, "partial");
  assert.equal(team.marks[c].status, "na");
  assert.deepEqual(L.presentIds(data, team), [a, b]);
  const doc = L.buildList(data, team);
  assert.match(doc.sections[0].items[0].title, /3 名成员查摆/);
  assert.throws(() => L.merge(data, []));
});
