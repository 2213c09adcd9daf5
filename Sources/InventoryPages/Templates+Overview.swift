extension Templates {
    static let overview = """
        <h1><span data-label="overview_title">{{l.overview_title}}</span></h1>
        <p class="sub"><span data-label="as_of">{{l.as_of}}</span> {{asOf}} · <span data-label="schools_total">{{l.schools_total}}</span> {{schools}}</p>
        <div class="scroll">
        <table id="targets">
        <thead><tr><th data-label="metric">{{l.metric}}</th><th class="n" data-label="value">{{l.value}}</th><th class="n" data-label="target">{{l.target}}</th><th data-label="gap">{{l.gap}}</th><th class="barcell"></th></tr></thead>
        <tbody>
        {{#targets}}
        <tr data-metric="{{name}}" data-value="{{dataValue}}" data-target="{{dataTarget}}">
        <td>{{words}}{{#note}}<br><span class="note">{{note}}</span>{{/note}}</td>
        <td class="n">{{value}}</td><td class="n">{{target}}</td>
        <td class="gap {{#below}}violation{{/below}}{{^below}}ok{{/below}}">{{gap}}</td>
        <td class="barcell">{{#bar}}<span class="bar{{#below}} below{{/below}}" role="img" aria-label="{{bar}}%"><span style="width: {{bar}}%"></span></span>{{/bar}}</td>
        </tr>
        {{/targets}}
        </tbody>
        </table>
        </div>

        <h2><span data-label="rules_title">{{l.rules_title}}</span></h2>
        <div class="scroll">
        <table id="rules">
        <thead><tr><th data-label="rule">{{l.rule}}</th><th data-label="severity">{{l.severity}}</th><th class="n" data-label="schools_count">{{l.schools_count}}</th></tr></thead>
        <tbody>
        {{#rules}}
        <tr data-rule="{{rule}}" data-schools="{{schools}}"><td><a href="{{href}}">{{words}}</a> <span class="note">{{rule}}</span></td><td class="{{severity}}">{{severityWords}}</td><td class="n">{{schools}}</td></tr>
        {{/rules}}
        </tbody>
        </table>
        </div>

        <h2><span data-label="city_flags_title">{{l.city_flags_title}}</span></h2>
        {{#hasCityFlags}}
        <ul class="flags" id="city-flags">
        {{#cityFlags}}<li class="{{severity}}-item"><span class="{{severity}}">{{words}}</span>：{{text}}</li>{{/cityFlags}}
        </ul>
        {{/hasCityFlags}}
        {{^hasCityFlags}}<p class="ok"><span data-label="no_city_flags">{{l.no_city_flags}}</span></p>{{/hasCityFlags}}

        <h2><span data-label="districts_title">{{l.districts_title}}</span></h2>
        <div class="scroll">
        <table id="districts">
        <thead><tr>
        <th><a href="{{sorts.sort_name}}"><span data-label="district">{{l.district}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_schools}}"><span data-label="schools_count">{{l.schools_count}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_connected}}"><span data-label="connected">{{l.connected}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_bandwidth}}"><span data-label="bandwidth_ok">{{l.bandwidth_ok}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_display}}"><span data-label="display_rate">{{l.display_rate}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_compliant}}"><span data-label="compliant">{{l.compliant}}</span></a></th>
        <th class="n"><a href="{{sorts.sort_violating}}"><span data-label="violating">{{l.violating}}</span></a></th>
        </tr></thead>
        <tbody>
        {{#districts}}
        <tr data-district="{{name}}"><td><a href="{{href}}">{{name}}</a></td><td class="n">{{schools}}</td>
        <td class="n{{#connectedBelow}} violation{{/connectedBelow}}">{{connected}}</td>
        <td class="n{{#bandwidthBelow}} violation{{/bandwidthBelow}}">{{bandwidth}}</td>
        <td class="n{{#displayBelow}} violation{{/displayBelow}}">{{display}}</td>
        <td class="n">{{compliant}}</td><td class="n">{{violating}}</td></tr>
        {{/districts}}
        </tbody>
        </table>
        </div>
        """
}
