extension Templates {
    static let map = """
        <h1><span data-label="map_title">{{l.map_title}}</span></h1>
        <p class="sub">{{summary}}{{#hasUnplaced}} · {{unplaced}} <span data-label="map_no_place">{{l.map_no_place}}</span>{{/hasUnplaced}}{{#zoomed}} · <a href="{{whole}}"><span data-label="map_zoom_out">{{l.map_zoom_out}}</span></a>{{/zoomed}}</p>
        <p class="legend"><span><i class="swatch" style="background:#c62828"></i> <span data-label="legend_violation">{{l.legend_violation}}</span></span><span><i class="swatch" style="background:#ef8f00"></i> <span data-label="legend_warning">{{l.legend_warning}}</span></span><span><i class="swatch" style="background:#2e7d32"></i> <span data-label="legend_ok">{{l.legend_ok}}</span></span></p>
        {{{svg}}}
        <p class="note"><span data-label="map_hint">{{l.map_hint}}</span></p>
        """

    static let probes = """
        <h1><span data-label="probes_title">{{l.probes_title}}</span></h1>
        <p class="sub"><span data-label="probe">{{l.probe}}</span> {{count}} · <span class="violation"><span data-label="silent">{{l.silent}}</span> <b id="silent-count">{{silentCount}}</b></span> · <span data-label="no_probe">{{l.no_probe}}</span> {{without}}</p>
        <div class="scroll">
        <table id="probes">
        <thead><tr><th data-label="code">{{l.code}}</th><th data-label="name">{{l.name}}</th><th data-label="probe">{{l.probe}}</th><th data-label="last_upload">{{l.last_upload}}</th><th data-label="last_test">{{l.last_test}}</th><th class="n" data-label="silent_days">{{l.silent_days}}</th></tr></thead>
        <tbody>
        {{#probes}}<tr data-school="{{code}}"{{#silent}} class="silent"{{/silent}}><td><a href="{{href}}">{{code}}</a></td><td>{{name}}</td><td>{{probe}}</td><td{{#silent}} class="violation"{{/silent}}>{{lastResult}}</td><td>{{lastTest}}</td><td class="n">{{#silent}}{{silentDays}}{{/silent}}</td></tr>{{/probes}}
        </tbody>
        </table>
        </div>
        {{> pager}}
        """
}
