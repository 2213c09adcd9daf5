extension Templates {
    static let schools = """
        <h1><span data-label="schools_title">{{l.schools_title}}</span></h1>
        <form id="filters" class="filters" method="get" action="/schools">
        <input type="hidden" name="lang" value="{{lang}}">{{#asOf}}<input type="hidden" name="as_of" value="{{asOf}}">{{/asOf}}
        <label><span data-label="district">{{l.district}}</span><select name="district"><option value="">{{l.filter_all}}</option>{{#districts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/districts}}</select></label>
        <label><span data-label="rule">{{l.rule}}</span><select name="rule"><option value="">{{l.filter_all}}</option>{{#rules}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/rules}}</select></label>
        <label><span data-label="severity">{{l.severity}}</span><select name="severity"><option value="">{{l.filter_all}}</option>{{#severities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/severities}}</select></label>
        <label><span data-label="kind">{{l.kind}}</span><select name="kind"><option value="">{{l.filter_all}}</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/kinds}}</select></label>
        <label><span data-label="locality">{{l.locality}}</span><select name="locality"><option value="">{{l.filter_all}}</option>{{#localities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/localities}}</select></label>
        <label><span data-label="search">{{l.search}}</span><input type="search" name="q" value="{{q}}"></label>
        <label><span data-label="sort">{{l.sort}}</span><select name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/sorts}}</select></label>
        <button id="apply" type="submit"><span data-label="apply">{{l.apply}}</span></button>
        </form>
        <p><span data-label="found">{{l.found}}</span>: <b id="total" data-count="{{count}}">{{count}}</b> · <a id="download-csv" class="noprint" href="{{csv}}"><span data-label="download_csv">{{l.download_csv}}</span></a> · <a id="download-xlsx" class="noprint" href="{{xlsx}}"><span data-label="download_xlsx">{{l.download_xlsx}}</span></a></p>
        {{#none}}<p><span data-label="none_found">{{l.none_found}}</span></p>{{/none}}
        {{^none}}
        <div class="scroll">
        <table id="schools">
        <thead><tr><th data-label="code">{{l.code}}</th><th data-label="name">{{l.name}}</th><th data-label="district">{{l.district}}</th><th data-label="kind">{{l.kind}}</th><th class="n" data-label="classes">{{l.classes}}</th><th class="n" data-label="required_mbps">{{l.required_mbps}}</th><th class="n" data-label="contracted_mbps">{{l.contracted_mbps}}</th><th class="n" data-label="measured_mbps">{{l.measured_mbps}}</th><th data-label="findings">{{l.findings}}</th></tr></thead>
        <tbody>
        {{#schools}}
        <tr data-school="{{code}}"><td><a href="{{href}}">{{code}}</a></td><td>{{name}}</td><td>{{district}}</td><td>{{kind}}</td><td class="n">{{classes}}</td><td class="n">{{required}}</td><td class="n">{{contracted}}</td><td class="n">{{measured}}</td>
        <td><ul class="flags">{{#flags}}<li data-rule="{{rule}}"><span class="{{severity}}">{{words}}</span>：{{text}}</li>{{/flags}}</ul></td></tr>
        {{/schools}}
        </tbody>
        </table>
        </div>
        {{> pager}}
        {{/none}}
        """
}
