extension Templates {
    static let school = """
        <h1 id="school-name">{{name}}</h1>
        <p class="sub">{{code}} · {{classesText}} · <span data-label="last_reported">{{l.last_reported}}</span>: <b id="last-reported">{{lastReported}}</b></p>
        <h2><span data-label="school_flags">{{l.school_flags}}</span></h2>
        {{#hasFlags}}
        <div id="flags" class="findings">
        {{#flags}}<div class="finding"><p><span class="{{severity}}">{{words}}</span> <span class="note">{{rule}}</span> · <span data-label="flag_value">{{l.flag_value}}</span> <b>{{value}}</b> · <span data-label="flag_threshold">{{l.flag_threshold}}</span> <b>{{threshold}}</b></p><ul class="flags"><li data-rule="{{rule}}">{{text}}</li></ul></div>{{/flags}}
        </div>
        {{/hasFlags}}
        {{^hasFlags}}<p class="ok"><span data-label="no_flags">{{l.no_flags}}</span></p>{{/hasFlags}}

        <h2><span data-label="throughput_chart">{{l.throughput_chart}}</span></h2>
        {{{throughputChart}}}
        {{{throughputLegend}}}
        {{#noTests}}<p class="note"><span data-label="no_data">{{l.no_data}}</span></p>{{/noTests}}

        <h2><span data-label="utilisation_chart">{{l.utilisation_chart}}</span></h2>
        {{{utilisationChart}}}
        {{{utilisationLegend}}}
        {{#noSamples}}<p class="note">{{l.no_data}}</p>{{/noSamples}}

        <h2><span data-label="school_facts">{{l.school_facts}}</span></h2>
        <div class="cards" id="facts">{{#facts}}<div><span data-label="{{key}}">{{label}}</span><b>{{value}}</b></div>{{/facts}}</div>

        <h2><span data-label="links_title">{{l.links_title}}</span></h2>
        {{#hasLinks}}
        <div class="scroll">
        <table id="links">
        <thead><tr><th>ID</th><th data-label="provider">{{l.provider}}</th><th class="n" data-label="down_up">{{l.down_up}}</th><th data-label="contract">{{l.contract}}</th><th class="n" data-label="monthly_cost">{{l.monthly_cost}}</th><th data-label="in_force">{{l.in_force}}</th></tr></thead>
        <tbody>{{#links}}<tr><td>{{id}}</td><td>{{provider}}</td><td class="n">{{rates}}</td><td>{{contract}}</td><td class="n">{{cost}}</td><td>{{inForce}}</td></tr>{{/links}}</tbody>
        </table>
        </div>
        {{/hasLinks}}
        {{^hasLinks}}<p class="note"><span data-label="no_links">{{l.no_links}}</span></p>{{/hasLinks}}

        <h2><span data-label="assets_title">{{l.assets_title}}</span></h2>
        {{#hasAssets}}
        <div class="scroll">
        <table id="assets">
        <thead><tr><th data-label="category">{{l.category}}</th><th data-label="status">{{l.status}}</th><th class="n" data-label="count">{{l.count}}</th><th class="n" data-label="value_yuan">{{l.value_yuan}}</th></tr></thead>
        <tbody>{{#assets}}<tr><td>{{category}}</td><td>{{status}}</td><td class="n">{{count}}</td><td class="n">{{value}}</td></tr>{{/assets}}</tbody>
        </table>
        </div>
        {{/hasAssets}}
        {{^hasAssets}}<p class="note"><span data-label="no_assets">{{l.no_assets}}</span></p>{{/hasAssets}}
        <p class="noprint"><a href="{{back}}">← {{l.nav_schools}}</a></p>
        """
}
