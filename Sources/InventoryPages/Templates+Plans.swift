extension Templates {
    static let renewals = """
        <h1><span data-label="renewals_title">{{l.renewals_title}}</span></h1>
        <p class="noprint"><a id="download-declaration-xlsx" href="{{declarationXlsx}}"><span data-label="download_declaration_xlsx">{{l.download_declaration_xlsx}}</span></a> · <a id="download-declaration" href="{{declaration}}"><span data-label="download_declaration">{{l.download_declaration}}</span></a> · <a id="download-renewals" href="{{csv}}"><span data-label="download_renewals">{{l.download_renewals}}</span></a></p>
        {{{chart}}}
        {{{legend}}}
        <div class="scroll">
        <table id="renewal-years">
        <thead><tr><th data-label="year">{{l.year}}</th><th class="n" data-label="hardware_value">{{l.hardware_value}}</th><th class="n" data-label="replacement_budget">{{l.replacement_budget}}</th><th class="n" data-label="maintenance_budget">{{l.maintenance_budget}}</th><th class="n" data-label="spent">{{l.spent}}</th><th class="n" data-label="replacements">{{l.replacements}}</th><th class="n" data-label="backlog">{{l.backlog}}</th><th class="n" data-label="warranty_claims">{{l.warranty_claims}}</th></tr></thead>
        <tbody>
        {{#years}}<tr data-year="{{year}}"><td>{{year}}</td><td class="n">{{value}}</td><td class="n">{{budget}}</td><td class="n">{{maintenance}}</td><td class="n">{{spent}}</td><td class="n">{{replacements}}</td><td class="n">{{backlog}}</td><td class="n">{{claims}}</td></tr>{{/years}}
        </tbody>
        </table>
        </div>
        """

    static let capacity = """
        <h1><span data-label="capacity_title">{{l.capacity_title}}</span></h1>
        <h2><span data-label="egress_title">{{l.egress_title}}</span></h2>
        <p>{{egressText}}{{#outgrows}} · <b class="warning">{{outgrows}}</b>{{/outgrows}}</p>
        {{{chart}}}
        {{{legend}}}
        <h2><span data-label="storage_title">{{l.storage_title}}</span></h2>
        {{{storageChart}}}
        {{{storageLegend}}}
        <div class="scroll">
        <table id="storage">
        <thead><tr><th data-label="pool">{{l.pool}}</th><th class="n" data-label="used_tb">{{l.used_tb}}</th><th class="n" data-label="capacity_tb">{{l.capacity_tb}}</th><th></th><th data-label="full_on">{{l.full_on}}</th></tr></thead>
        <tbody>
        {{#storage}}<tr><td>{{#total}}<b>{{/total}}{{name}}{{#total}}</b>{{/total}}</td><td class="n">{{used}}</td><td class="n">{{capacity}}</td><td><span class="bar" role="img" aria-label="{{fill}}"><span style="width: {{bar}}%"></span></span> {{fill}}</td><td>{{fullOn}}</td></tr>{{/storage}}
        </tbody>
        </table>
        </div>
        <h2><span data-label="upgrades_title">{{l.upgrades_title}}</span> ({{upgradeCount}})</h2>
        {{#hasUpgrades}}
        <p>{{added}}</p>
        <div class="scroll">
        <table id="upgrades">
        <thead><tr><th data-label="code">{{l.code}}</th><th data-label="name">{{l.name}}</th><th data-label="district">{{l.district}}</th><th data-label="findings">{{l.findings}}</th><th data-label="action">{{l.action}}</th><th class="n" data-label="contracted_mbps">{{l.contracted_mbps}}</th><th class="n" data-label="needed_mbps">{{l.needed_mbps}}</th><th class="n" data-label="added_yearly">{{l.added_yearly}}</th></tr></thead>
        <tbody>
        {{#upgrades}}<tr data-school="{{code}}"><td><a href="{{href}}">{{code}}</a></td><td>{{name}}</td><td>{{district}}</td><td>{{rules}}</td><td>{{action}}</td><td class="n">{{contracted}}</td><td class="n">{{needed}}</td><td class="n">{{added}}</td></tr>{{/upgrades}}
        </tbody>
        </table>
        </div>
        {{#more}}<p class="note"><span data-label="upgrades_more">{{l.upgrades_more}}</span></p>{{/more}}
        {{/hasUpgrades}}
        """
}
