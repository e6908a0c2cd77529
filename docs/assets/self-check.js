/* 对照检视 (/self-check/): the page. It renders the form and the preview from KbSelfCheck (the
 * logic module), keeps the reader's work in localStorage, and writes the DOCX (docx), XLSX
 * (write-excel-file) and JSON files in the browser. Nothing is sent over the network. */
(function () {
  "use strict";
  var root = document.getElementById("kb-self-check");
  var data = window.KB_SELF_CHECK_DATA;
  if (!root || !data || !window.KbSelfCheck) return;
  var noScript = document.querySelector(".kb-sc-noscript");  // shown only where scripts do not run
  if (noScript) noScript.hidden = true;
  var L = window.KbSelfCheck;
  var STORE = "kb-self-check:v" + L.VERSION;
  var state = load() || L.emptyState(data);

  // ---- small DOM helpers ---------------------------------------------------------------
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === false || v === null || v === undefined) return;
      if (k === "text") el.textContent = v;
      else if (k === "value") el.value = v;
      else if (k === "on") Object.keys(v).forEach(function (ev) { el.addEventListener(ev, v[ev]); });
      else if (k in el && typeof v !== "string") el[k] = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }
  var uid = 0;
  function nextId(prefix) { uid += 1; return "kb-sc-" + prefix + "-" + uid; }

  // ---- storage -------------------------------------------------------------------------
  function load() {
    try {
      var text = window.localStorage.getItem(STORE);
      return text ? L.parse(data, text) : null;
    } catch (e) { return null; }
  }
  var saveTimer = null;
  function save() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () {
      try { window.localStorage.setItem(STORE, L.serialize(state)); } catch (e) { /* storage full or disabled */ }
    }, 150);
  }
  function changed() { save(); schedulePreview(); }

  // ---- problem links -------------------------------------------------------------------
  // The Markdown link to the problems index, rewritten by MkDocs, tells how pages are addressed:
  // "../problems/" on the served site, "problems/index.html" in the file:// bundle.
  function problemHref(pid) {
    var a = document.getElementById("kb-sc-problems-link");
    var href = a ? a.getAttribute("href") : "../problems/";
    return /index\.html$/.test(href) ? href.replace(/index\.html$/, pid + ".html") : href + pid + "/";
  }

  // ---- status line -----------------------------------------------------------------------
  var status = h("p", { class: "kb-sc-status", role: "status", "aria-live": "polite" });
  function say(text) { status.textContent = text; }

  // ---- step 1: scope -------------------------------------------------------------------
  function scopeStep() {
    var subject = h("fieldset", { class: "kb-sc-subject" }, [h("legend", { text: "检视对象" })]);
    Object.keys(L.SUBJECTS).forEach(function (key) {
      var id = nextId("subject");
      subject.appendChild(h("span", { class: "kb-sc-choice" }, [
        h("input", { type: "radio", name: "kb-sc-subject", id: id, value: key, checked: state.subject === key,
                     on: { change: function () { state.subject = key; nameLabel.textContent = nameText(); changed(); } } }),
        h("label", { for: id, text: L.SUBJECTS[key] })
      ]));
    });
    var nameId = nextId("name");
    function nameText() { return state.subject === "team" ? "班子或单位名称（可不填）" : "姓名、职务（可不填）"; }
    var nameLabel = h("label", { for: nameId, text: nameText() });
    var name = h("p", { class: "kb-sc-field" }, [nameLabel, h("input", {
      type: "text", id: nameId, value: state.name, autocomplete: "off",
      on: { input: function (e) { state.name = e.target.value; changed(); } } })]);

    var areas = h("fieldset", { class: "kb-sc-areas" }, [h("legend", { text: "检视范围（治理领域）" })]);
    var boxes = [];
    var allId = nextId("all");
    var all = h("input", { type: "checkbox", id: allId, checked: state.areas.length === data.areas.length,
      on: { change: function (e) {
        state.areas = e.target.checked ? data.areas.map(function (a) { return a.id; }) : [];
        boxes.forEach(function (b) { b.checked = e.target.checked; });
        changed(); renderProblems();
      } } });
    areas.appendChild(h("span", { class: "kb-sc-choice kb-sc-all" }, [all, h("label", { for: allId, text: "全部领域" })]));
    data.areas.forEach(function (a) {
      var id = nextId("area");
      var box = h("input", { type: "checkbox", id: id, value: a.id, checked: state.areas.indexOf(a.id) >= 0,
        on: { change: function (e) {
          L.toggle(state.areas, a.id, e.target.checked);
          state.areas = data.areas.map(function (x) { return x.id; }).filter(function (x) { return state.areas.indexOf(x) >= 0; });
          all.checked = state.areas.length === data.areas.length;
          changed(); renderProblems();
        } } });
      boxes.push(box);
      areas.appendChild(h("span", { class: "kb-sc-choice" }, [box, h("label", { for: id, text: a.title })]));
    });
    return h("section", { class: "kb-sc-step", "aria-labelledby": "kb-sc-step1" }, [
      h("h2", { id: "kb-sc-step1", text: "第一步：选择检视对象和范围" }), subject, name, areas]);
  }

  // ---- step 2: the problems ------------------------------------------------------------
  var problemsBox = h("div", { class: "kb-sc-problems" });
  var counter = h("p", { class: "kb-sc-progress" });

  function renderProblems() {
    problemsBox.textContent = "";
    var groups = L.scope(data, state);
    if (!groups.length) problemsBox.appendChild(h("p", { text: "请先在第一步中至少选择一个治理领域。" }));
    groups.forEach(function (g) {
      var list = h("div", { class: "kb-sc-area" }, [h("h3", { text: g.area.title + "（" + g.problems.length + " 个问题）" })]);
      g.problems.forEach(function (pid) { list.appendChild(problemCard(pid)); });
      problemsBox.appendChild(list);
    });
    updateCounter();
  }

  function updateCounter() {
    var p = L.progress(data, state);
    counter.textContent = "范围内共 " + p.total + " 个问题，已对照 " + p.marked + " 个，其中存在或部分存在 " + p.present + " 个。";
  }

  function problemCard(pid) {
    var p = data.problems[pid];
    var mark = state.marks[pid];
    var headId = "kb-sc-h-" + pid;
    var detail = h("div", { class: "kb-sc-detail" });
    var verdict = h("fieldset", { class: "kb-sc-verdict" }, [h("legend", { text: "检视结论" })]);
    L.STATUSES.forEach(function (s) {
      var id = "kb-sc-" + pid + "-" + s;
      verdict.appendChild(h("span", { class: "kb-sc-choice" }, [
        h("input", { type: "radio", name: "kb-sc-" + pid, id: id, value: s, checked: !!mark && mark.status === s,
                     on: { change: function () {
                       L.setStatus(data, state, pid, s);
                       card.classList.toggle("kb-sc-marked-present", L.isPresent(state.marks[pid]));
                       renderDetail(pid, detail);
                       updateCounter(); changed();
                     } } }),
        h("label", { for: id, text: L.STATUS_LABELS[s] })
      ]));
    });
    var card = h("section", { class: "kb-sc-problem" + (L.isPresent(mark) ? " kb-sc-marked-present" : ""),
                              id: "kb-sc-" + pid, "aria-labelledby": headId }, [
      h("h4", { id: headId }, [h("span", { class: "kb-sc-pid", text: pid + " " }), p.title]),
      h("p", { class: "kb-sc-summary", text: p.summary }),
      h("p", { class: "kb-sc-prompts-label", text: "自查提示：" }),
      h("ul", { class: "kb-sc-prompts" }, p.prompts.map(function (q) { return h("li", { text: q }); })),
      h("p", { class: "kb-sc-more" }, [h("a", { href: problemHref(pid), target: "_blank", rel: "noopener",
        text: "查看问题详情（在新标签页打开）" })]),
      verdict, detail
    ]);
    renderDetail(pid, detail);
    return card;
  }

  function textArea(label, value, hint, onInput) {
    var id = nextId("ta"), hintId = id + "-hint";
    return h("p", { class: "kb-sc-field" }, [
      h("label", { for: id, text: label }),
      hint ? h("span", { class: "kb-sc-hint", id: hintId, text: hint }) : null,
      h("textarea", { id: id, rows: 3, value: value, "aria-describedby": hint ? hintId : null,
                      on: { input: function (e) { onInput(e.target.value); changed(); } } })
    ]);
  }

  function textInput(label, value, placeholder, onInput) {
    var id = nextId("in");
    return h("p", { class: "kb-sc-field kb-sc-short" }, [
      h("label", { for: id, text: label }),
      h("input", { type: "text", id: id, value: value, placeholder: placeholder, autocomplete: "off",
                   on: { input: function (e) { onInput(e.target.value); changed(); } } })
    ]);
  }

  function checkList(legend, items, chosen) {
    var box = h("fieldset", { class: "kb-sc-checks" }, [h("legend", { text: legend })]);
    items.forEach(function (item) {
      var id = nextId("cb");
      box.appendChild(h("div", { class: "kb-sc-check" }, [
        h("input", { type: "checkbox", id: id, checked: chosen.indexOf(item.value) >= 0,
                     on: { change: function (e) { L.toggle(chosen, item.value, e.target.checked); changed(); } } }),
        h("label", { for: id }, [h("strong", { text: item.title }), item.text ? h("span", { class: "kb-sc-ref", text: item.text }) : null])
      ]));
    });
    return box;
  }

  function renderDetail(pid, box) {
    box.textContent = "";
    var mark = state.marks[pid];
    if (!L.isPresent(mark)) return;
    var p = data.problems[pid];
    var team = state.subject === "team";
    if (mark.members) box.appendChild(h("p", { class: "kb-sc-members", text: mark.members + " 名成员标记了这个问题。" }));
    box.appendChild(textArea("具体表现（" + (team ? "本班子、本单位" : "本人") + "的事实，一行一条）", mark.instances,
      "写清时间、事项、经过和影响。这里不会自动填写任何内容；空着时清单中显示“【待填写】”。",
      function (v) { mark.instances = v; }));
    box.appendChild(checkList("原因（可取消或保留，清单中作为参考）", p.causes.filter(function (c) { return data.causes[c]; }).map(function (c) {
      return { value: c, title: data.causes[c].title, text: data.causes[c].summary };
    }), mark.causes));
    box.appendChild(textArea("结合自身的原因剖析（用自己的话）", mark.ownCauses, null, function (v) { mark.ownCauses = v; }));
    box.appendChild(checkList("整改措施（可取消或保留）", p.measures.filter(function (m) { return data.measures[m]; }).map(function (m) {
      return { value: m, title: data.measures[m].title, text: data.measures[m].summary };
    }), mark.measures));
    if (p.actions.length) {
      box.appendChild(checkList("具体做法（可取消或保留）", p.actions.map(function (a, i) {
        return { value: i, title: "做法 " + (i + 1), text: a };
      }), mark.actions));
    }
    box.appendChild(textArea("自己的整改举措（一行一条）", mark.ownMeasures, null, function (v) { mark.ownMeasures = v; }));
    box.appendChild(h("div", { class: "kb-sc-row" }, [
      textInput("责任人", mark.owner, team ? "如：张某某（分管副局长）" : "如：本人", function (v) { mark.owner = v; }),
      textInput("完成时限", mark.deadline, "如：2027年6月底前", function (v) { mark.deadline = v; })
    ]));
  }

  // ---- step 3: results -----------------------------------------------------------------
  var preview = h("div", { class: "kb-sc-preview" });
  var previewTimer = null;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, 200);
  }

  function runs(list) {
    return list.map(function (r) {
      if (r.kind === "ref") return h("span", { class: "kb-sc-ref", title: "参考文字：请结合实际改写", text: r.text });
      if (r.kind === "placeholder") return h("mark", { class: "kb-sc-ph", text: r.text });
      if (r.kind === "own") return h("span", { class: "kb-sc-own", text: r.text });
      return document.createTextNode(r.text);
    });
  }

  function renderPreview() {
    preview.textContent = "";
    var doc = L.buildList(data, state);
    var article = h("article", { class: "kb-sc-doc", "aria-labelledby": "kb-sc-doc-title" }, [
      h("h3", { id: "kb-sc-doc-title", class: "kb-sc-doc-title", text: doc.title }),
      h("p", { class: "kb-sc-byline" }, runs(doc.byline)),
      h("p", { class: "kb-sc-note", text: doc.note })
    ]);
    doc.sections.forEach(function (s) {
      article.appendChild(h("h4", { text: s.heading }));
      if (!s.items.length) article.appendChild(h("p", { text: "（还没有标记为存在或部分存在的问题。）" }));
      var ol = h("ol");
      s.items.forEach(function (item) {
        ol.appendChild(h("li", {}, [h("p", { class: "kb-sc-item-title" }, [h("strong", { text: item.title })])]
          .concat(item.paragraphs.map(function (para) { return h("p", {}, runs(para)); }))));
      });
      if (s.items.length) article.appendChild(ol);
    });
    preview.appendChild(article);

    var table = ledgerTable(L.ledger(data, state));
    preview.appendChild(h("section", { class: "kb-sc-ledger", "aria-labelledby": "kb-sc-ledger-title" }, [
      h("h3", { id: "kb-sc-ledger-title", text: "整改台账" }),
      h("div", { class: "kb-sc-table-wrap", tabindex: "0", role: "region", "aria-label": "整改台账（可左右滚动）" }, [table])
    ]));
  }

  function ledgerTable(model) {
    var head = h("tr", {}, model.header.map(function (c) { return h("th", { scope: "col", text: c }); }));
    var body = model.rows.length ? model.rows.map(function (row) {
      return h("tr", {}, row.map(function (c, i) {
        var cell = h(i === 1 ? "th" : "td", i === 1 ? { scope: "row" } : {});
        c.split("\n").forEach(function (line, k) {
          if (k) cell.appendChild(h("br"));
          cell.appendChild(line.indexOf("【待填写") === 0 ? h("mark", { class: "kb-sc-ph", text: line }) : document.createTextNode(line));
        });
        return cell;
      }));
    }) : [h("tr", {}, [h("td", { colspan: String(model.header.length), text: "还没有标记为存在或部分存在的问题。" })])];
    return h("table", { class: "kb-sc-table" }, [h("caption", { text: "整改台账" }), h("thead", {}, [head]), h("tbody", {}, body)]);
  }

  // ---- files ---------------------------------------------------------------------------
  function stamp() {
    var d = new Date();
    return d.getFullYear() + String(d.getMonth() + 1).padStart(2, "0") + String(d.getDate()).padStart(2, "0");
  }
  function baseName() {
    var who = (state.name || "").trim().replace(/[\\/:*?"<>|\s]+/g, "");
    return (who ? who + "-" : "") + stamp();
  }
  function downloadBlob(blob, name) {
    var a = h("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  var FANGSONG = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "仿宋", cs: "仿宋" };
  var HEITI = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体", cs: "黑体" };
  var SONGTI = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体", cs: "宋体" };

  function docxRuns(list) {
    var D = window.docx;
    return list.map(function (r) {
      if (r.kind === "ref") return new D.TextRun({ text: r.text, italics: true, color: "595959" });
      if (r.kind === "placeholder") return new D.TextRun({ text: r.text, highlight: "yellow", bold: true });
      return new D.TextRun({ text: r.text });
    });
  }

  function docxBlob() {
    var D = window.docx;
    var doc = L.buildList(data, state);
    var children = [
      new D.Paragraph({ heading: D.HeadingLevel.TITLE, alignment: D.AlignmentType.CENTER, children: [new D.TextRun(doc.title)] }),
      new D.Paragraph({ alignment: D.AlignmentType.CENTER, children: docxRuns(doc.byline) }),
      new D.Paragraph({ children: [new D.TextRun({ text: doc.note, size: 24, color: "595959" })] })
    ];
    doc.sections.forEach(function (s, n) {
      children.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_1, children: [new D.TextRun(s.heading)] }));
      if (!s.items.length) children.push(new D.Paragraph({ children: [new D.TextRun("（无）")] }));
      s.items.forEach(function (item) {
        children.push(new D.Paragraph({ heading: D.HeadingLevel.HEADING_2,
          numbering: { reference: "kb-items", level: 0, instance: n + 1 }, children: [new D.TextRun(item.title)] }));
        item.paragraphs.forEach(function (para) {
          children.push(new D.Paragraph({ indent: { firstLine: 640 }, children: docxRuns(para) }));
        });
      });
    });
    var file = new D.Document({
      creator: data.catalogue.title + " · 对照检视",
      title: doc.title,
      styles: {
        default: {
          document: { run: { font: FANGSONG, size: 32 }, paragraph: { spacing: { line: 560, lineRule: "exact" } } },
          title: { run: { font: SONGTI, size: 44, bold: true, color: "000000" }, paragraph: { spacing: { after: 240 } } },
          heading1: { run: { font: HEITI, size: 32, bold: false, color: "000000" }, paragraph: { spacing: { before: 240 } } },
          heading2: { run: { font: FANGSONG, size: 32, bold: true, color: "000000" } }
        }
      },
      numbering: { config: [{ reference: "kb-items", levels: [{ level: 0, format: D.LevelFormat.DECIMAL, text: "%1.",
        alignment: D.AlignmentType.START, style: { paragraph: { indent: { left: 0, firstLine: 640 } } } }] }] },
      sections: [{
        properties: { page: { size: { width: 11906, height: 16838 },
                              margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: children
      }]
    });
    return D.Packer.toBlob(file);
  }

  function xlsxBlob() {
    var model = L.ledger(data, state);
    var headerStyle = { fontWeight: "bold", align: "center", alignVertical: "center", wrap: true, borderStyle: "thin" };
    var sheet = [
      [{ value: (state.subject === "team" ? "班子（单位）" : "个人") + "整改台账", fontWeight: "bold", fontSize: 16,
         align: "center", columnSpan: model.header.length }].concat(model.header.slice(1).map(function () { return null; })),
      model.header.map(function (c) { return Object.assign({ value: c }, headerStyle); })
    ];
    model.rows.forEach(function (row) {
      sheet.push(row.map(function (c) {
        return { value: c === "" ? null : c, wrap: true, alignVertical: "top", borderStyle: "thin" };
      }));
    });
    var columns = [{ width: 6 }, { width: 22 }, { width: 40 }, { width: 28 }, { width: 44 }, { width: 12 }, { width: 14 }, { width: 14 }];
    return window.writeXlsxFile(sheet, { columns: columns, sheet: "整改台账", orientation: "landscape", stickyRowsCount: 2 },
                                { fontFamily: "宋体", fontSize: 11 }).toBlob();
  }

  function withFile(label, make, name) {
    return function () {
      if (!L.presentIds(data, state).length) { say("还没有标记为存在或部分存在的问题，请先在第二步中检视。"); return; }
      say("正在生成" + label + "……");
      Promise.resolve().then(make).then(function (blob) {
        downloadBlob(blob, name());
        say(label + "已生成，请在浏览器的下载中查看。");
      }).catch(function (e) { say(label + "生成失败：" + (e && e.message ? e.message : e)); });
    };
  }

  function readFiles(files) {
    return Promise.all(Array.prototype.map.call(files, function (f) {
      return f.text().then(function (text) {
        try { return L.parse(data, text); } catch (e) { throw new Error(f.name + "：" + e.message); }
      });
    }));
  }

  function hasWork() { return Object.keys(state.marks).length > 0 || state.name; }

  function replaceState(next, message) {
    state = next;
    save();
    renderAll();
    say(message);
  }

  function fileButton(label, multiple, onFiles) {
    var id = nextId("file");
    var input = h("input", { type: "file", id: id, accept: ".json,application/json", multiple: multiple, class: "kb-sc-file",
      on: { change: function (e) { if (e.target.files.length) onFiles(e.target.files); e.target.value = ""; } } });
    return h("span", { class: "kb-sc-filepick" }, [h("label", { for: id, class: "md-button", text: label }), input]);
  }

  function resultStep() {
    var buttons = h("div", { class: "kb-sc-actions" }, [
      h("button", { type: "button", class: "md-button md-button--primary", text: "下载检视问题清单（Word）",
        on: { click: withFile("检视问题清单", docxBlob, function () { return "检视问题清单-" + baseName() + ".docx"; }) } }),
      h("button", { type: "button", class: "md-button md-button--primary", text: "下载整改台账（Excel）",
        on: { click: withFile("整改台账", xlsxBlob, function () { return "整改台账-" + baseName() + ".xlsx"; }) } }),
      h("button", { type: "button", class: "md-button", text: "打印",
        on: { click: function () { renderPreview(); window.print(); } } })
    ]);
    return h("section", { class: "kb-sc-step", "aria-labelledby": "kb-sc-step3" }, [
      h("h2", { id: "kb-sc-step3", text: "第三步：预览和下载" }),
      h("p", { text: "预览随填写自动更新。灰色斜体是【参考】文字，需改写；黄色底色是【待填写】的地方。" }),
      buttons, preview]);
  }

  function keepStep() {
    var saveButton = h("button", { type: "button", class: "md-button", text: "保存进度（JSON 文件）", on: { click: function () {
      downloadBlob(new Blob([L.serialize(state)], { type: "application/json" }), "对照检视-" + baseName() + ".json");
      say("进度文件已生成。以后在本页“载入进度”即可接着填写，也可交给汇总人合并。");
    } } });
    var loadButton = fileButton("载入进度", false, function (files) {
      if (hasWork() && !window.confirm("载入会替换本页当前填写的内容，是否继续？")) return;
      readFiles(files).then(function (states) {
        var s = states[0];
        replaceState(s, "已载入进度" + (s.dropped ? "；有 " + s.dropped + " 项在当前知识库中已不存在，已略去" : "") + "。");
      }).catch(function (e) { say("载入失败：" + e.message); });
    });
    var mergeButton = fileButton("合并成员文件（可多选）", true, function (files) {
      if (hasWork() && !window.confirm("合并结果会替换本页当前填写的内容，是否继续？")) return;
      readFiles(files).then(function (states) {
        var team = L.merge(data, states);
        replaceState(team, "已合并 " + states.length + " 名成员的文件，共 " + L.presentIds(data, team).length + " 个问题被标记为存在或部分存在。");
      }).catch(function (e) { say("合并失败：" + e.message); });
    });
    var clear = h("button", { type: "button", class: "md-button kb-sc-clear", text: "清除本页填写的全部内容", on: { click: function () {
      if (!window.confirm("确定清除本页填写的全部内容吗？清除后无法恢复（已下载的文件不受影响）。")) return;
      clearTimeout(saveTimer);
      try { window.localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
      state = L.emptyState(data);     // not saved: nothing is kept until the reader writes again
      renderAll();
      say("已清除。本浏览器中不再保存任何检视内容。");
    } } });
    return h("section", { class: "kb-sc-step", "aria-labelledby": "kb-sc-step4" }, [
      h("h2", { id: "kb-sc-step4", text: "保存、载入和团队汇总" }),
      h("p", { text: "填写内容随时自动保存在本浏览器中，关闭页面后再打开仍在。换电脑或交给汇总人时，请保存进度文件。" +
                     "汇总人选择多名成员的进度文件，可合并成一份班子（单位）清单，并显示每个问题有几名成员查摆。" }),
      h("div", { class: "kb-sc-actions" }, [saveButton, loadButton, mergeButton, clear])]);
  }

  function renderAll() {
    root.textContent = "";
    root.appendChild(scopeStep());
    root.appendChild(h("section", { class: "kb-sc-step", "aria-labelledby": "kb-sc-step2" }, [
      h("h2", { id: "kb-sc-step2", text: "第二步：逐项对照" }),
      h("p", { text: "读每个问题的自查提示，如实作出结论。标为“存在”或“部分存在”的问题，再写具体表现、选定原因和措施。" }),
      counter, problemsBox]));
    root.appendChild(resultStep());
    root.appendChild(keepStep());
    root.appendChild(status);
    renderProblems();
    renderPreview();
  }

  renderAll();
})();
