namespace Serviceloven.Admin.Common;

/// <summary>The admin's stylesheet, inlined in every page so the sign-in page is styled without an open static file.</summary>
public static class AdminStyles
{
    public const string Css = """
        :root { --ink:#1b1f24; --muted:#5b6470; --line:#d4d9df; --bg:#f6f7f9; --brand:#0b4f71; --ok:#1d6b33; --warn:#8a5a00; --err:#a4161a; --focus:#ffbf47; }
        * { box-sizing:border-box; }
        body { margin:0; font:15px/1.45 "Segoe UI", system-ui, -apple-system, Arial, sans-serif; color:var(--ink); background:var(--bg); }
        a { color:var(--brand); }
        :focus-visible { outline:3px solid var(--focus); outline-offset:1px; }
        h1[tabindex="-1"]:focus { outline:none; }
        .shell { display:grid; grid-template-columns: 210px 1fr; grid-template-rows: auto 1fr; min-height:100vh; }
        .topbar { grid-column:1 / 3; display:flex; gap:1rem; align-items:center; background:var(--brand); color:#fff; padding:.55rem 1rem; }
        .topbar .brand { color:#fff; font-weight:600; text-decoration:none; margin-right:auto; }
        .topbar .who { font-size:.9rem; }
        .topbar button.link { color:#fff; }
        .sidenav { background:#fff; border-right:1px solid var(--line); padding:1rem .5rem; display:flex; flex-direction:column; gap:.15rem; }
        .sidenav a { padding:.4rem .6rem; border-radius:4px; text-decoration:none; color:var(--ink); }
        .sidenav a.active { background:#e6eff4; color:var(--brand); font-weight:600; }
        .content { padding:1rem 1.5rem 3rem; min-width:0; }
        .shell:not(:has(.sidenav)) > .content { grid-column:1 / 3; }
        h1 { font-size:1.5rem; margin:.2rem 0 1rem; } h2 { font-size:1.2rem; margin:1.5rem 0 .6rem; } h3 { font-size:1.05rem; margin:1rem 0 .4rem; }
        .muted { color:var(--muted); }
        .hash { overflow-wrap:anywhere; font-family:ui-monospace, Consolas, monospace; font-size:.8rem; }
        .fact-card { border:1px solid var(--line); border-radius:6px; padding:.5rem .8rem; margin-bottom:.6rem; display:grid; grid-template-columns:minmax(0,2fr) minmax(0,3fr); gap:.2rem 1rem; }
        .fact-card h3 { grid-column:1 / 3; margin:.1rem 0; }
        .card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.8rem 1rem; margin-bottom:1rem; }
        table.grid { border-collapse:collapse; width:100%; background:#fff; }
        table.grid th, table.grid td { border:1px solid var(--line); padding:.3rem .45rem; text-align:left; vertical-align:top; }
        table.grid th { background:#eef1f4; font-weight:600; font-size:.9rem; }
        .scroll { overflow-x:auto; }
        input, select, textarea { font:inherit; padding:.3rem .4rem; border:1px solid #8a949f; border-radius:4px; background:#fff; }
        textarea { width:100%; }
        select { max-width:100%; } button { white-space:nowrap; }
        input.cell { field-sizing:content; width:100%; min-width:7rem; max-width:40rem; font-family: ui-monospace, Consolas, monospace; font-size:.9rem; }
        input.cell:focus { min-width:16rem; }
        input.cell.text { min-width:12rem; } input.cell.id { min-width:5.5rem; }
        input.cell.expression { width:100%; max-width:none; }
        input.date { width:8.5rem; font-variant-numeric:tabular-nums; }
        a.button { display:inline-block; padding:.35rem .8rem; border-radius:4px; border:1px solid #8a949f; background:#fff; text-decoration:none; color:var(--ink); }
        a.button.primary { background:var(--brand); border-color:var(--brand); color:#fff; }
        .table-head { display:flex; flex-wrap:wrap; gap:.6rem; align-items:center; justify-content:space-between; }
        .col-actions { display:inline-flex; gap:.15rem; margin-left:.3rem; } .col-actions button { padding:0 .3rem; }
        .head-actions { display:inline-flex; gap:.2rem; margin-left:.6rem; vertical-align:middle; }
        ul.plain { list-style:none; padding:0; margin:.2rem 0; } ul.plain li { margin:.2rem 0; }
        .output-card { border-top:1px solid var(--line); padding:.3rem 0; }
        .enum-values { margin:.3rem 0; }
        details.structure { margin:.4rem 0 .6rem; } details.structure > summary { cursor:pointer; color:var(--brand); }
        tr.default-row th, tr.default-row td { background:#f7f3e8; }
        .help-dock { position:fixed; left:.6rem; bottom:.6rem; z-index:20; max-width:min(46rem, calc(100vw - 2rem)); background:#fff; border:1px solid var(--line); border-radius:6px; box-shadow:0 2px 10px rgba(0,0,0,.18); }
        .help-dock > summary { cursor:pointer; padding:.45rem .8rem; font-weight:600; color:var(--brand); list-style:none; }
        .help-dock[open] > summary { border-bottom:1px solid var(--line); }
        .help-dock .help-body { max-height:60vh; overflow:auto; padding:.6rem .8rem; }
        .tl-row { display:grid; grid-template-columns:11rem 1fr; gap:.5rem; align-items:center; }
        .tl-seg.planned { background:var(--brand); outline:2px dashed var(--focus); } .tl-seg.replaced { background:#9aa3ad; text-decoration:line-through; }
        .sr { position:absolute; width:1px; height:1px; overflow:hidden; clip-path:inset(50%); white-space:nowrap; }
        .source-field { display:inline-flex; flex-wrap:wrap; gap:.4rem; align-items:center; }
        td.bad input, input.bad { border:2px solid var(--err); background:#fff3f3; }
        .cell-error { color:var(--err); font-size:.82rem; margin-top:.2rem; }
        label { display:block; font-weight:600; margin:.5rem 0 .15rem; }
        label.inline { display:inline-flex; gap:.35rem; align-items:center; font-weight:normal; margin:0 .8rem 0 0; }
        button { font:inherit; padding:.35rem .8rem; border-radius:4px; border:1px solid #8a949f; background:#fff; cursor:pointer; }
        button.primary { background:var(--brand); border-color:var(--brand); color:#fff; }
        button.danger { border-color:var(--err); color:var(--err); }
        button.link { border:none; background:none; text-decoration:underline; padding:0; cursor:pointer; }
        button:disabled { opacity:.5; cursor:not-allowed; }
        .small { font-size:.85rem; padding:.15rem .45rem; }
        .actions { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; margin:.6rem 0; }
        form.inline { display:inline; margin:0; }
        .badge { display:inline-block; padding:.05rem .45rem; border-radius:10px; font-size:.8rem; border:1px solid; white-space:nowrap; }
        .badge.published { color:var(--ok); border-color:var(--ok); background:#eef8f0; }
        .badge.in_review { color:var(--warn); border-color:var(--warn); background:#fff7e6; }
        .badge.draft { color:var(--muted); border-color:var(--muted); background:#f2f3f5; }
        .error { color:var(--err); } .ok { color:var(--ok); } .warn { color:var(--warn); }
        .notice { border-left:4px solid var(--brand); background:#fff; padding:.6rem .8rem; margin:.6rem 0; }
        .notice.error { border-color:var(--err); color:var(--ink); background:#fff3f3; }
        .notice.ok { border-color:var(--ok); color:var(--ink); background:#eef8f0; }
        .notice.warn { border-color:var(--warn); color:var(--ink); background:#fff8e6; }
        .notice.attention { border-color:var(--warn); color:var(--ink); background:#fff7e6; } .notice.attention > summary { cursor:pointer; }
        .timeline { display:flex; flex-wrap:wrap; gap:.4rem; align-items:stretch; margin:.4rem 0; }
        .timeline .seg { border:1px solid var(--line); border-radius:4px; padding:.3rem .5rem; background:#fff; min-width:12rem; text-decoration:none; color:var(--ink); }
        .timeline .seg.published { border-left:5px solid var(--ok); }
        .timeline .seg.in_review { border-left:5px solid var(--warn); }
        .timeline .seg.draft { border-left:5px dashed var(--muted); }
        .tl { margin:.3rem 0 .6rem; }
        .tl-lane { position:relative; height:1.7rem; margin-bottom:.2rem; background:#eef1f4; border-radius:3px; }
        .tl-seg { position:absolute; top:0; bottom:0; overflow:hidden; white-space:nowrap; text-overflow:ellipsis; font-size:.78rem; line-height:1.7rem;
                  padding:0 .35rem; border-right:2px solid #fff; text-decoration:none; color:#fff; }
        .tl-seg.published { background:var(--ok); } .tl-seg.in_review { background:var(--warn); }
        .tl-seg.draft { background:repeating-linear-gradient(45deg,#6b7480,#6b7480 6px,#7d8691 6px,#7d8691 12px); }
        .tl-axis { position:relative; height:1rem; font-size:.72rem; color:var(--muted); }
        .tl-axis span { position:absolute; transform:translateX(-50%); }
        .tabs { display:flex; gap:.2rem; border-bottom:2px solid var(--line); margin:1rem 0 .8rem; flex-wrap:wrap; }
        .tabs button { border:none; border-bottom:3px solid transparent; border-radius:0; background:none; padding:.45rem .8rem; }
        .tabs button[aria-selected=true] { border-bottom-color:var(--brand); font-weight:600; color:var(--brand); }
        .two { display:grid; grid-template-columns:minmax(0,1fr) minmax(0,1fr); gap:1rem; }
        .diff-line { font-family:ui-monospace, Consolas, monospace; font-size:.85rem; white-space:pre-wrap; padding:0 .4rem; }
        .diff-line.Added, tr.Added td { background:#e6f6ea; } .diff-line.Removed, tr.Removed td { background:#fde8e8; }
        .legal-changes li { margin:.15rem 0; } .legal-changes li.Added { color:#1d6b34; } .legal-changes li.Removed { color:#9b2226; }
        .whatif-facts .facts-form { display:grid; grid-template-columns:repeat(auto-fill, minmax(19rem, 1fr)); gap:.2rem 1rem; }
        tr.impact-changed td { background:#fff4d6; } tr.impact-text td { background:#eef4fb; } .impact-side { font-size:.88rem; }
        del { background:#fde8e8; text-decoration:line-through; } ins { background:#e6f6ea; text-decoration:none; }
        pre.letter { white-space:pre-wrap; background:#fff; border:1px solid var(--line); padding:.8rem; font-family:Georgia, serif; }
        .login { max-width:26rem; margin:4rem auto; background:#fff; border:1px solid var(--line); border-radius:6px; padding:1.5rem 2rem; }
        .login input { width:100%; } .login button { margin-top:1rem; width:100%; }
        dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.2rem 1rem; } dl.facts dt { font-weight:600; }
        """;
}
