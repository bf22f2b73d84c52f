// The page of examples/serve: sends the article to POST /v1/analyze and
// shows the answer. The API's offsets are byte offsets into the UTF-8
// text, so the text is encoded once with TextEncoder and every piece is
// cut from those bytes and decoded with TextDecoder. Everything the user
// or the server wrote is put in the page as text (textContent, text
// nodes), never parsed as HTML.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var encoder = new TextEncoder();
  var decoder = new TextDecoder('utf-8');
  var maxBytes = Number(document.body.dataset.maxBytes) || 0;
  var typeNames = { PER: 'شخص', LOC: 'مكان', ORG: 'منظمة' };
  var languageNames = { ar: 'العربية', en: 'الإنجليزية', und: 'غير محددة' };
  var matchNames = {
    exact: 'مطابقة تامة', clitic: 'بعد حذف السابقة', fuzzy: 'مطابقة تقريبية',
    hashtag: 'داخل وسم', rule: 'قاعدة سياقية', partial: 'اسم مختصر', demonym: 'نسبة'
  };
  var blockNames = {
    title: 'العنوان', 'duplicate-title': 'عنوان مكرر', dateline: 'سطر التاريخ والمصدر',
    subheading: 'عنوان فرعي', paragraph: 'فقرة', boilerplate: 'حشو الصفحة'
  };
  var pending = null; // the AbortController of the request in flight

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmt(x, digits) {
    return typeof x === 'number' && isFinite(x) ? x.toFixed(digits) : '';
  }

  function setStatus(msg, isError) {
    var s = $('status');
    s.textContent = msg || '';
    s.classList.toggle('error', !!isError);
  }

  function updateSize() {
    var n = encoder.encode($('text').value).length;
    var s = $('size');
    s.textContent = n ? n.toLocaleString('ar') + ' بايت' + (maxBytes ? ' من ' + maxBytes.toLocaleString('ar') : '') : '';
    s.classList.toggle('over', maxBytes > 0 && n > maxBytes);
  }

  async function analyze(ev) {
    if (ev) ev.preventDefault();
    var text = $('text').value;
    if (!text.trim()) {
      setStatus('الصق نص مقال أولاً، أو اضغط «جرّب مثالاً».', true);
      $('text').focus();
      return;
    }
    if (pending) pending.abort();
    var ctrl = new AbortController();
    pending = ctrl;
    document.body.dataset.state = 'busy';
    $('analyze').disabled = true;
    setStatus('جارٍ التحليل…');
    try {
      var resp = await fetch('v1/analyze', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Accept': 'application/json' },
        body: text,
        signal: ctrl.signal
      });
      var data = null;
      try { data = await resp.json(); } catch (e) { data = null; }
      if (ctrl !== pending) return;
      if (!resp.ok || !data) {
        var msg = data && data.error ? data.error : 'HTTP ' + resp.status;
        setStatus('تعذّر التحليل: ' + msg, true);
        document.body.dataset.state = 'error';
        return;
      }
      render(text, data);
      var n = (data.entities || []).length;
      setStatus('تم التحليل: ' + n.toLocaleString('ar') + ' اسماً، ' + (data.sentence_count || 0).toLocaleString('ar') + ' جملة.');
      document.body.dataset.state = 'done';
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      setStatus('تعذّر الاتصال بالخادم: ' + (e && e.message ? e.message : e), true);
      document.body.dataset.state = 'error';
    } finally {
      if (ctrl === pending) {
        pending = null;
        $('analyze').disabled = false;
      }
    }
  }

  // spans returns the mentions as {start, end, entity, mention}, in text
  // order, inside [0, size], overlaps dropped (the earlier, then the
  // longer, wins).
  function spans(entities, size) {
    var all = [];
    entities.forEach(function (e, i) {
      (e.mentions || []).forEach(function (m) {
        if (Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= size) {
          all.push({ start: m.start, end: m.end, entity: e, index: i, mention: m });
        }
      });
    });
    all.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var out = [], last = 0;
    all.forEach(function (s) {
      if (s.start >= last) { out.push(s); last = s.end; }
    });
    return out;
  }

  // blocksOf returns the structure's blocks as {kind, start, end}, in
  // text order, inside [0, size].
  function blocksOf(structure, size) {
    return (structure || []).map(function (b) {
      return {
        kind: String(b.kind),
        start: b.start,
        end: b.end
      };
    }).filter(function (b) {
      return Number.isInteger(b.start) && Number.isInteger(b.end) && b.start >= 0 && b.start < b.end && b.end <= size;
    }).sort(function (a, b) { return a.start - b.start; });
  }

  function mentionTitle(s) {
    var e = s.entity, m = s.mention;
    var lines = [e.name + (e.name_en ? ' — ' + e.name_en : '')];
    lines.push('ID: ' + e.id);
    lines.push('النوع: ' + (typeNames[e.type] || e.type) + ' (' + e.type + ')');
    lines.push('المطابقة: ' + (matchNames[m.match] || m.match) + ' (' + m.match + ')، الثقة ' + fmt(m.score, 2));
    if (m.clitic) lines.push('السابقة: ' + m.clitic);
    return lines.join('\n');
  }

  // renderText rebuilds the article: block spans (greyed when not
  // analysed) holding text nodes and one <mark> per mention.
  function renderText(text, data) {
    var box = $('article');
    box.replaceChildren();
    // An English article reads left to right, an Arabic one right to
    // left; another is left to the browser (dir="auto").
    box.dir = data.language === 'en' ? 'ltr' : data.language === 'ar' ? 'rtl' : 'auto';
    box.lang = data.language === 'en' || data.language === 'ar' ? data.language : '';
    var bytes = encoder.encode(text);
    var size = bytes.length;
    var piece = function (a, b) { return decoder.decode(bytes.subarray(a, b)); };
    var marks = spans(data.entities || [], size);
    var blocks = blocksOf(data.structure, size);

    var cuts = [0, size];
    blocks.forEach(function (b) { cuts.push(b.start, b.end); });
    marks.forEach(function (m) { cuts.push(m.start, m.end); });
    cuts.sort(function (a, b) { return a - b; });

    var bi = 0, mi = 0, curBlock = null, curEl = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var p = cuts[i], q = cuts[i + 1];
      if (p === q) continue;
      while (bi < blocks.length && blocks[bi].end <= p) bi++;
      while (mi < marks.length && marks[mi].end <= p) mi++;
      var blk = bi < blocks.length && blocks[bi].start <= p ? blocks[bi] : null;
      var mk = mi < marks.length && marks[mi].start <= p ? marks[mi] : null;
      var parent = box;
      if (blk) {
        if (blk !== curBlock) {
          curBlock = blk;
          curEl = el('span', 'blk blk-' + String(blk.kind).replace(/[^a-z-]/g, ''));
          curEl.title = blockNames[blk.kind] || String(blk.kind);
          box.appendChild(curEl);
        }
        parent = curEl;
      } else {
        curBlock = null;
      }
      var t = piece(p, q);
      if (mk) {
        var m = el('mark', 'ent ent-' + mk.entity.type, t);
        m.title = mentionTitle(mk);
        m.tabIndex = 0;
        m.dataset.id = mk.entity.id;
        m.dataset.type = mk.entity.type;
        m.dataset.match = mk.mention.match;
        m.dataset.start = String(mk.start);
        m.dataset.end = String(mk.end);
        m.dataset.entity = String(mk.index);
        parent.appendChild(m);
      } else {
        parent.appendChild(document.createTextNode(t));
      }
    }
  }

  function showDetails(e, m) {
    var d = $('details');
    d.replaceChildren();
    var head = el('div');
    head.appendChild(el('span', 'swatch ent-' + e.type));
    head.appendChild(el('strong', null, e.name));
    if (e.name_en) {
      head.appendChild(document.createTextNode(' — '));
      head.appendChild(el('span', 'en', e.name_en));
    }
    d.appendChild(head);
    var line = el('div');
    line.appendChild(document.createTextNode((typeNames[e.type] || e.type) + '، المعرّف '));
    line.appendChild(el('code', 'id', e.id));
    d.appendChild(line);
    if (m) {
      d.appendChild(el('div', null, '«' + m.text + '»: ' + (matchNames[m.match] || m.match) + '، الثقة ' + fmt(m.score, 2) +
        '، البايتات ' + m.start + '–' + m.end));
    } else {
      d.appendChild(el('div', null, 'ورد ' + e.count + ' مرة، الأهمية ' + fmt(e.salience, 2)));
    }
    d.hidden = false;
  }

  function focusEntity(id) {
    var first = null;
    document.querySelectorAll('#article mark.ent').forEach(function (m) {
      var on = m.dataset.id === id;
      m.classList.toggle('focus', on);
      if (on && !first) first = m;
    });
    if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  function renderMeta(data) {
    var dl = $('meta');
    dl.replaceChildren();
    var add = function (k, v) {
      dl.appendChild(el('dt', null, k));
      dl.appendChild(el('dd', null, v));
    };
    if (data.id) add('المعرّف', data.id);
    add('العنوان', data.title || '—');
    add('اللغة', languageNames[data.language] || data.language);
    add('الجمل', (data.sentence_count || 0).toLocaleString('ar'));
    add('الأسماء', (data.entities || []).length.toLocaleString('ar'));
    var w = $('warnings');
    w.replaceChildren();
    (data.warnings || []).forEach(function (x) { w.appendChild(el('li', null, x)); });
  }

  function renderTopics(topics) {
    var ol = $('topics');
    ol.replaceChildren();
    if (!topics || !topics.length) {
      ol.appendChild(el('li', 'empty', 'لا موضوعات: لم يُحمَّل نموذج موضوعات.'));
      return;
    }
    topics.forEach(function (t) {
      var li = el('li');
      li.dataset.id = t.id;
      var row = el('div', 'row');
      var name = el('span', null, t.label_ar || t.label || t.id);
      if (t.label) name.title = t.label + ' (' + t.id + ')';
      row.appendChild(name);
      row.appendChild(el('span', 'num', fmt(t.score, 2)));
      li.appendChild(row);
      var bar = el('div', 'bar');
      var fill = el('span');
      fill.style.width = Math.max(0, Math.min(1, Number(t.score) || 0)) * 100 + '%';
      bar.appendChild(fill);
      li.appendChild(bar);
      ol.appendChild(li);
    });
  }

  function renderKeywords(keywords) {
    var ol = $('keywords');
    ol.replaceChildren();
    if (!keywords || !keywords.length) {
      ol.appendChild(el('li', 'empty', 'لا كلمات مفتاحية.'));
      return;
    }
    keywords.forEach(function (k) {
      var li = el('li');
      var term = el('span', null, k.term);
      term.dir = 'auto'; // an English keyword reads left to right
      li.appendChild(term);
      li.appendChild(el('span', 'num', '×' + k.count + ' · ' + fmt(k.score, 2)));
      ol.appendChild(li);
    });
  }

  function renderEntities(entities) {
    var ul = $('entities');
    ul.replaceChildren();
    if (!entities.length) {
      ul.appendChild(el('li', 'empty', 'لم يُعثر على أسماء.'));
      return;
    }
    entities.forEach(function (e) {
      var li = el('li');
      li.dataset.id = e.id;
      var b = el('button');
      b.type = 'button';
      b.title = e.id;
      b.appendChild(el('span', 'swatch ent-' + e.type));
      b.appendChild(el('span', null, e.name));
      if (e.name_en) b.appendChild(el('span', 'en', e.name_en));
      b.appendChild(el('span', 'num', '×' + e.count));
      b.addEventListener('click', function () {
        focusEntity(e.id);
        showDetails(e, null);
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }

  function render(text, data) {
    var ents = data.entities || [];
    renderText(text, data);
    renderMeta(data);
    renderTopics(data.topics);
    renderKeywords(data.keywords);
    renderEntities(ents);
    $('details').hidden = true;
    $('results').hidden = false;
    var pick = function (ev) {
      var m = ev.target.closest && ev.target.closest('mark.ent');
      if (!m) return;
      var e = ents[Number(m.dataset.entity)];
      if (!e) return;
      var mention = (e.mentions || []).find(function (x) { return String(x.start) === m.dataset.start; });
      showDetails(e, mention || null);
    };
    $('article').onclick = pick;
    $('article').onfocusin = pick;
  }

  $('form').addEventListener('submit', analyze);
  $('text').addEventListener('input', updateSize);
  $('text').addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) analyze(ev);
  });
  $('sample').addEventListener('click', function () {
    $('text').value = $('sample-text').value;
    updateSize();
    analyze(null);
  });
  $('clear').addEventListener('click', function () {
    if (pending) pending.abort();
    $('text').value = '';
    updateSize();
    $('results').hidden = true;
    setStatus('');
    document.body.dataset.state = 'idle';
    $('text').focus();
  });
  updateSize();
})();
