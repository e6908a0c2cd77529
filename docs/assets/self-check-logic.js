/* 对照检视 (/self-check/): the page's logic, with no DOM and no network.
 *
 * Everything here is a pure function of the catalogue data (embedded in the page) and the
 * reader's state, so it runs the same in the browser and under Node (tests/js/).
 * The page (self-check.js) renders what these functions return; the DOCX and XLSX writers turn
 * the same models into files, so the preview and the downloads cannot disagree.
 *
 * Text runs carry a kind:
 *   own          the reader's own words
 *   ref          catalogue text: a starting point that must be rewritten, never submitted as is
 *   placeholder  a place where the reader's own facts are still missing
 *   plain        labels and numbering written by the tool
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KbSelfCheck = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var FORMAT = "kb-self-check";
  var VERSION = 1;
  var STATUSES = ["present", "partial", "absent", "na"];
  var STATUS_LABELS = { present: "存在", partial: "部分存在", absent: "不存在", na: "不适用" };
  var SUBJECTS = { individual: "本人", team: "班子（单位）" };
  var LEDGER_HEADER = ["序号", "问题", "具体表现", "原因", "整改措施", "责任人", "完成时限", "完成情况"];

  var PH = {
    name: { individual: "【待填写：姓名、职务】", team: "【待填写：班子或单位名称】" },
    instances: {
      individual: "【待填写：本人在这方面的具体表现——时间、事项、经过、造成的影响】",
      team: "【待填写：班子（单位）在这方面的具体表现——时间、事项、经过、造成的影响】"
    },
    causes: "【待填写：结合上述问题，用自己的话从思想、作风、能力、制度等方面剖析原因】",
    measures: "【待填写：针对本问题的具体整改举措——做什么、做到什么程度】",
    owner: "【待填写：责任人】",
    deadline: "【待填写：完成时限】",
    ledgerInstances: "【待填写具体表现】"
  };

  function own(text) { return { kind: "own", text: text }; }
  function ref(text) { return { kind: "ref", text: text }; }
  function ph(text) { return { kind: "placeholder", text: text }; }
  function plain(text) { return { kind: "plain", text: text }; }
  function trim(s) { return typeof s === "string" ? s.trim() : ""; }

  function isPresent(mark) {
    return !!mark && (mark.status === "present" || mark.status === "partial");
  }

  function allAreaIds(data) {
    return data.areas.map(function (a) { return a.id; });
  }

  function emptyState(data) {
    return {
      format: FORMAT, version: VERSION, catalogueVersion: data.catalogue.version,
      subject: "individual", name: "", areas: allAreaIds(data), marks: {}
    };
  }

  /** The problems of the chosen areas, area by area. A problem in several areas is listed once:
   *  under its primary area when that is chosen, else under the first of its areas that is. */
  function scope(data, state) {
    var chosen = {};
    state.areas.forEach(function (id) { chosen[id] = true; });
    var groups = {};
    data.order.forEach(function (pid) {
      var home = data.problems[pid].areas.filter(function (a) { return chosen[a]; })[0];
      if (home) (groups[home] = groups[home] || []).push(pid);
    });
    return data.areas.filter(function (a) { return groups[a.id]; })
      .map(function (a) { return { area: a, problems: groups[a.id] }; });
  }

  function scopeIds(data, state) {
    var ids = [];
    scope(data, state).forEach(function (group) { ids.push.apply(ids, group.problems); });
    return ids;
  }

  /** A fresh mark: causes, measures and actions of the problem come pre-selected;
   *  the reader's own facts start empty and are never filled in by the tool. */
  function newMark(problem, status) {
    return {
      status: status, instances: "",
      causes: problem.causes.slice(), ownCauses: "",
      measures: problem.measures.slice(),
      actions: problem.actions.map(function (_, i) { return i; }), ownMeasures: "",
      owner: "", deadline: ""
    };
  }

  function setStatus(data, state, pid, status) {
    if (STATUSES.indexOf(status) < 0) throw new Error("未知的检视结论：" + status);
    var mark = state.marks[pid];
    if (!mark) state.marks[pid] = newMark(data.problems[pid], status);
    else mark.status = status;
    return state.marks[pid];
  }

  function toggle(list, value, on) {
    var i = list.indexOf(value);
    if (on && i < 0) list.push(value);
    if (!on && i >= 0) list.splice(i, 1);
    list.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    return list;
  }

  /** Problems marked 存在 or 部分存在 within the scope, in the order the page shows them. */
  function presentIds(data, state) {
    return scopeIds(data, state).filter(function (pid) { return isPresent(state.marks[pid]); });
  }

  function progress(data, state) {
    var ids = scopeIds(data, state);
    var marked = ids.filter(function (pid) { return state.marks[pid] && state.marks[pid].status; });
    return { total: ids.length, marked: marked.length, present: presentIds(data, state).length };
  }

  function lines(text) {
    return trim(text).split(/\n+/).map(trim).filter(Boolean);
  }

  function problemLabel(problem, mark) {
    var note = [];
    if (mark.status === "partial") note.push("部分存在");
    if (mark.members) note.push(mark.members + " 名成员查摆");
    return problem.title + (note.length ? "（" + note.join("，") + "）" : "");
  }

  /** The 检视问题清单 as a document model: a title, a note, three numbered sections. */
  function buildList(data, state) {
    var subject = state.subject === "team" ? "team" : "individual";
    var ids = presentIds(data, state);
    var doc = {
      title: subject === "team" ? "班子（单位）对照检视问题清单" : "个人对照检视问题清单",
      byline: [plain(subject === "team" ? "单位（班子）：" : "姓名、职务："),
               trim(state.name) ? own(trim(state.name)) : ph(PH.name[subject])],
      note: "说明：标为【参考】的文字摘自知识库，只是思路提示，必须结合实际用自己的话改写；" +
            "标为【待填写】的地方要补上本人（本单位）的具体事实。不要照搬参考文字上交。",
      sections: []
    };
    if (state.members) doc.byline.push(plain("（汇总 " + state.members + " 名成员的检视结果）"));

    var problems = { heading: "一、存在问题", items: [] };
    ids.forEach(function (pid) {
      var p = data.problems[pid], m = state.marks[pid];
      var own_ = lines(m.instances);
      var paras = [];
      paras.push([plain("具体表现：")].concat(own_.length ? [own(own_[0])] : [ph(PH.instances[subject])]));
      own_.slice(1).forEach(function (l) { paras.push([own(l)]); });
      paras.push([plain("问题表述参考："), ref("【参考】" + p.summary)]);
      problems.items.push({ id: pid, title: problemLabel(p, m), paragraphs: paras });
    });

    var causes = { heading: "二、原因分析", items: [] };
    var order = [], where = {};
    ids.forEach(function (pid, i) {
      state.marks[pid].causes.forEach(function (cid) {
        if (!data.causes[cid]) return;
        if (!where[cid]) { where[cid] = []; order.push(cid); }
        where[cid].push(i + 1);
      });
    });
    order.forEach(function (cid) {
      causes.items.push({ id: cid, title: data.causes[cid].title + "（对应存在问题第 " + where[cid].join("、") + " 项）",
                          paragraphs: [[ref("【参考】" + data.causes[cid].summary)]] });
    });
    var ownCauses = [];
    ids.forEach(function (pid, i) {
      lines(state.marks[pid].ownCauses).forEach(function (l) { ownCauses.push([plain("（第 " + (i + 1) + " 项）"), own(l)]); });
    });
    if (ids.length) {
      causes.items.push({ id: "own", title: "结合自身的剖析",
                          paragraphs: ownCauses.length ? ownCauses : [[ph(PH.causes)]] });
    }

    var measures = { heading: "三、整改措施", items: [] };
    ids.forEach(function (pid) {
      var p = data.problems[pid], m = state.marks[pid];
      var paras = [];
      m.measures.forEach(function (mid) {
        if (data.measures[mid]) paras.push([plain(data.measures[mid].title + "："), ref("【参考】" + data.measures[mid].summary)]);
      });
      m.actions.forEach(function (i) { if (p.actions[i] !== undefined) paras.push([ref("【参考】" + p.actions[i])]); });
      var mine = lines(m.ownMeasures);
      if (mine.length) mine.forEach(function (l) { paras.push([own(l)]); });
      else paras.push([ph(PH.measures)]);
      paras.push([plain("责任人："), trim(m.owner) ? own(trim(m.owner)) : ph(PH.owner),
                  plain("；完成时限："), trim(m.deadline) ? own(trim(m.deadline)) : ph(PH.deadline)]);
      measures.items.push({ id: pid, title: "针对“" + p.title + "”", paragraphs: paras });
    });

    doc.sections = [problems, causes, measures];
    return doc;
  }

  /** The 整改台账: a header row and one row of plain text per problem marked present. */
  function ledger(data, state) {
    var rows = presentIds(data, state).map(function (pid, i) {
      var p = data.problems[pid], m = state.marks[pid];
      var causeText = m.causes.filter(function (c) { return data.causes[c]; })
        .map(function (c) { return data.causes[c].title; }).concat(lines(m.ownCauses));
      var steps = m.measures.filter(function (x) { return data.measures[x]; })
        .map(function (x) { return data.measures[x].title; })
        .concat(m.actions.filter(function (a) { return p.actions[a] !== undefined; }).map(function (a) { return p.actions[a]; }))
        .concat(lines(m.ownMeasures));
      return [
        String(i + 1),
        problemLabel(p, m),
        lines(m.instances).join("\n") || PH.ledgerInstances,
        causeText.join("；"),
        steps.map(function (s, k) { return (k + 1) + ". " + s; }).join("\n"),
        trim(m.owner),
        trim(m.deadline),
        ""
      ];
    });
    return { header: LEDGER_HEADER.slice(), rows: rows };
  }

  function serialize(state, now) {
    var out = {
      format: FORMAT, version: VERSION, catalogueVersion: state.catalogueVersion,
      savedAt: (now || new Date()).toISOString(),
      subject: state.subject, name: state.name, areas: state.areas.slice(), marks: state.marks
    };
    if (state.members) out.members = state.members;
    return JSON.stringify(out, null, 2);
  }

  function str(v) { return typeof v === "string" ? v : ""; }
  function ids(v, valid) {
    return Array.isArray(v) ? v.filter(function (x) { return typeof x === "string" && valid[x]; }) : [];
  }

  /** A saved file → a state for this catalogue. Throws an Error with a message for the reader.
   *  Entries the catalogue no longer has are dropped and counted in state.dropped. */
  function parse(data, text) {
    var raw;
    try { raw = JSON.parse(text); } catch (e) { throw new Error("文件不是有效的 JSON，无法载入。"); }
    if (!raw || raw.format !== FORMAT) throw new Error("这不是对照检视保存的文件。");
    if (raw.version !== VERSION) throw new Error("文件格式版本 " + raw.version + " 不受支持。");
    var validArea = {};
    data.areas.forEach(function (a) { validArea[a.id] = true; });
    var state = emptyState(data);
    state.subject = raw.subject === "team" ? "team" : "individual";
    state.name = str(raw.name);
    state.areas = ids(raw.areas, validArea);
    if (typeof raw.members === "number" && raw.members > 0) state.members = Math.floor(raw.members);
    state.dropped = 0;
    var marks = raw.marks && typeof raw.marks === "object" ? raw.marks : {};
    Object.keys(marks).forEach(function (pid) {
      var p = data.problems[pid], m = marks[pid];
      if (!p || !m || STATUSES.indexOf(m.status) < 0) { state.dropped += 1; return; }
      var mark = {
        status: m.status, instances: str(m.instances), causes: ids(m.causes, data.causes), ownCauses: str(m.ownCauses),
        measures: ids(m.measures, data.measures),
        actions: Array.isArray(m.actions) ? m.actions.filter(function (i) {
          return typeof i === "number" && i >= 0 && i < p.actions.length && i === Math.floor(i);
        }) : [],
        ownMeasures: str(m.ownMeasures), owner: str(m.owner), deadline: str(m.deadline)
      };
      if (typeof m.members === "number" && m.members > 0) mark.members = Math.floor(m.members);
      state.marks[pid] = mark;
    });
    return state;
  }

  function union(lists) {
    var out = [];
    lists.forEach(function (l) { l.forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); }); });
    return out.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
  }

  function joinUnique(values) {
    var out = [];
    values.map(trim).filter(Boolean).forEach(function (v) { if (out.indexOf(v) < 0) out.push(v); });
    return out.join("、");
  }

  /** Several members' states → one team state. Each problem carries the number of members who
   *  marked it present (存在 or 部分存在); their instances are kept, each under its member's name. */
  function merge(data, states) {
    if (!states.length) throw new Error("请至少选择一个成员的文件。");
    var team = emptyState(data);
    team.subject = "team";
    team.members = states.length;
    var areaSet = union(states.map(function (s) { return s.areas; }));
    team.areas = allAreaIds(data).filter(function (a) { return areaSet.indexOf(a) >= 0; });
    var names = states.map(function (s, i) { return trim(s.name) || "成员" + (i + 1); });
    data.order.forEach(function (pid) {
      var marked = [];
      states.forEach(function (s, i) { if (s.marks[pid]) marked.push({ mark: s.marks[pid], name: names[i] }); });
      if (!marked.length) return;
      var present = marked.filter(function (x) { return isPresent(x.mark); });
      if (!present.length) {
        var anyAbsent = marked.some(function (x) { return x.mark.status === "absent"; });
        team.marks[pid] = newMark(data.problems[pid], anyAbsent ? "absent" : "na");
        return;
      }
      var any = function (f) { return present.map(function (x) { return x.mark[f]; }); };
      var labelled = function (f) {
        return present.filter(function (x) { return trim(x.mark[f]); })
          .map(function (x) { return lines(x.mark[f]).map(function (l) { return x.name + "：" + l; }).join("\n"); }).join("\n");
      };
      team.marks[pid] = {
        status: present.some(function (x) { return x.mark.status === "present"; }) ? "present" : "partial",
        members: present.length,
        instances: labelled("instances"),
        causes: union(any("causes")), ownCauses: labelled("ownCauses"),
        measures: union(any("measures")),
        actions: union(any("actions")).sort(function (a, b) { return a - b; }), ownMeasures: labelled("ownMeasures"),
        owner: joinUnique(any("owner")), deadline: joinUnique(any("deadline"))
      };
    });
    return team;
  }

  /** Plain text of a paragraph (a list of runs). */
  function text(runs) {
    return runs.map(function (r) { return r.text; }).join("");
  }

  return {
    FORMAT: FORMAT, VERSION: VERSION, STATUSES: STATUSES, STATUS_LABELS: STATUS_LABELS, SUBJECTS: SUBJECTS,
    LEDGER_HEADER: LEDGER_HEADER, PLACEHOLDERS: PH,
    emptyState: emptyState, scope: scope, scopeIds: scopeIds, setStatus: setStatus, toggle: toggle,
    isPresent: isPresent, presentIds: presentIds, progress: progress,
    buildList: buildList, ledger: ledger, serialize: serialize, parse: parse, merge: merge, text: text
  };
});
