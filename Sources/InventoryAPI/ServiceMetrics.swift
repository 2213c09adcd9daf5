import InventoryFormat
import InventoryModel
import Prometheus

/// The service's Prometheus metrics, in a registry of its own (not the process-wide metrics
/// system), so two services in one process (tests) keep their counts apart.
final class ServiceMetrics: Sendable {
    /// What anyone may read: counts and latencies, no school or token named.
    let registry = PrometheusCollectorRegistry()
    /// Series that name a school or a token: shown only to a reader's token.
    let probeRegistry = PrometheusCollectorRegistry()
    private let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    func request(method: String, route: String, status: Int, _ elapsed: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(metricName: "schoolnet_http_requests", unitName: "total", helpText: "HTTP requests"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                metricName: "schoolnet_http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
            labels: [("route", route)], buckets: buckets
        ).record(elapsed)
    }

    /// Counts an ingested batch: new results, and results the service had already.
    func ingested(inserted: Int, duplicates: Int) {
        registry.makeCounter(
            descriptor: .init(
                metricName: "schoolnet_measurements_ingested", unitName: "total",
                helpText: "Measurements stored by ingest"),
            labels: []
        ).increment(by: Int64(inserted))
        registry.makeCounter(
            descriptor: .init(
                metricName: "schoolnet_measurements_duplicate", unitName: "total",
                helpText: "Measurements sent again and ignored"),
            labels: []
        ).increment(by: Int64(duplicates))
    }

    /// How a report was made.
    enum ReportMaking: String {
        /// The city judged whole.
        case whole
        /// The last report brought up to date with the schools that changed since.
        case updated
    }

    /// Counts a report made, by how.
    func reportMade(_ how: ReportMaking) {
        registry.makeCounter(
            descriptor: .init(
                metricName: "schoolnet_reports_made", unitName: "total",
                helpText: "Compliance reports made: the city judged whole, or the last report updated"),
            labels: [("how", how.rawValue)]
        ).increment()
    }

    /// What a probe's outbox held when it sent its last batch.
    func outboxDepth(school: String, token: String, depth: Double) {
        probeRegistry.makeGauge(
            descriptor: .init(
                metricName: "schoolnet_probe_outbox_depth", unitName: "results",
                helpText: "Results waiting in a probe's outbox, as the probe last reported"),
            labels: [("school", school), ("token", token)]
        ).set(depth)
    }

    /// Records of a table in the store.
    func records(_ table: InventoryTable) -> Gauge {
        registry.makeGauge(
            descriptor: .init(
                metricName: "schoolnet_inventory_records", unitName: "", helpText: "Records of each inventory table"),
            labels: [("table", table.rawValue)])
    }
}
