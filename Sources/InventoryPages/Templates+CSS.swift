extension Templates {
    /// One stylesheet for every page: readable on a laptop and a phone, printable on A4 (the
    /// navigation and forms are left off paper, tables keep their headers on each sheet).
    static let css = """
        :root { --bad: #c62828; --warn: #ef8f00; --ok: #2e7d32; --ink: #1c2430; --muted: #5b6573;
          --line: #d9dee5; --band: #f4f6f9; --accent: #1565c0; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
        a { color: var(--accent); }
        header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .5rem 1rem;
          border-bottom: 1px solid var(--line); background: var(--band); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        nav { display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
        nav a { text-decoration: none; padding: .15rem .25rem; }
        nav a[aria-current] { border-bottom: 2px solid var(--accent); font-weight: 600; }
        .tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-left: auto; }
        .tools form { display: inline-flex; gap: .25rem; align-items: center; margin: 0; }
        main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
        h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        .sub { color: var(--muted); font-size: .95rem; }
        table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: var(--band); font-weight: 600; }
        th::first-letter { text-transform: uppercase; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .scroll { overflow-x: auto; }
        .bar { display: inline-block; width: 8rem; height: .7rem; background: #e9edf2; border-radius: 2px;
          vertical-align: middle; position: relative; }
        .bar > span { display: block; height: 100%; border-radius: 2px; background: var(--ok); }
        .bar.below > span { background: var(--bad); }
        .violation { color: var(--bad); font-weight: 600; }
        .warning { color: var(--warn); font-weight: 600; }
        .ok { color: var(--ok); }
        .note { color: var(--muted); font-size: .9rem; }
        .error { color: var(--bad); }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: .75rem; }
        .filters label { display: flex; flex-direction: column; font-size: .9rem; }
        .filters label > span, .cards span[data-label] { display: block; }
        .filters label > span::first-letter, .cards span[data-label]::first-letter { text-transform: uppercase; }
        select, input, button { font: inherit; padding: .25rem .4rem; }
        .pager { display: flex; gap: 1rem; align-items: center; }
        ul.flags { margin: 0; padding-left: 1.1rem; }
        .finding { border-bottom: 1px solid var(--line); padding: .4rem 0; }
        .finding p { margin: 0 0 .2rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .5rem; }
        .cards div { border: 1px solid var(--line); border-radius: 4px; padding: .35rem .6rem; font-size: .9rem; }
        .cards b { display: block; font-size: 1.1rem; }
        svg { max-width: 100%; height: auto; }
        svg[id^="chart-"] { width: 760px; display: block; }
        svg text { font-family: inherit; }
        .legend span { margin-right: 1rem; white-space: nowrap; }
        .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; vertical-align: middle; }
        body.login main { max-width: 28rem; margin-top: 10vh; }
        body.login form { display: flex; flex-direction: column; gap: .5rem; }
        @media (max-width: 640px) {
          header.top { padding: .35rem .5rem; gap: .25rem .5rem; font-size: .9rem; }
          nav { flex-wrap: nowrap; overflow-x: auto; width: 100%; order: 3; }
          nav a { white-space: nowrap; }
          .tools { margin-left: auto; gap: .35rem; }
          .tools input, .tools button { padding: .1rem .25rem; }
          main { padding: .5rem; }
          h1 { font-size: 1.25rem; margin-bottom: .5rem; }
          th, td { padding: .3rem .35rem; font-size: .9rem; }
          td.gap { min-width: 7.5em; }
          .barcell { display: none; }
        }
        @page { size: A4; margin: 14mm; }
        @media print {
          header.top nav, header.top .tools, .filters, .pager, .noprint { display: none !important; }
          header.top { background: none; border: 0; padding: 0; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          thead { display: table-header-group; }
          tr, svg { break-inside: avoid; }
          .scroll { overflow: visible; }
        }
        """
}
