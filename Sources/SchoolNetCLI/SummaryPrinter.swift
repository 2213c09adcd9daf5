import InventoryModel

/// The summary printed after an import: what the city holds, at a glance.
enum SummaryPrinter {
    static func text(_ s: InventorySummary, plan: Plan) -> String {
        func breakdown<K: InventoryEnum>(_ counts: [K: Int]) -> String {
            K.allCases.compactMap { key in
                counts[key].flatMap { $0 > 0 ? "\(key.rawValue) \(Terminal.grouped($0))" : nil }
            }
            .joined(separator: ", ")
        }
        func row(_ label: String, _ value: String, _ detail: String = "") -> String {
            label.padding(toLength: 14, withPad: " ", startingAt: 0) + value.leftPadded(to: 12)
                + (detail.isEmpty ? "" : "   " + detail)
        }
        let value = s.hardwareValueYuan
        let storage = StoragePoolKind.allCases.compactMap { kind in
            s.storageCapacityTB[kind].map { "\(kind.rawValue) \(Terminal.decimal($0)) TB" }
        }.joined(separator: ", ")
        return [
            row("districts", Terminal.grouped(s.districts)),
            row("schools", Terminal.grouped(s.schools), breakdown(s.schoolsByKind)),
            row("classes", Terminal.grouped(s.classes), breakdown(s.classesByStage)),
            row(
                "links", Terminal.grouped(s.links),
                "\(Terminal.decimal(s.contractedDownMbps, digits: 0)) Mbps contracted down"),
            row("assets", Terminal.grouped(s.assets), breakdown(s.assetsByCategory)),
            row(
                "hardware", Terminal.decimal(value / 1e6, digits: 2) + " M¥",
                "in service; maintenance \(Terminal.decimal(value * plan.budgetMaintenanceRate / 1e6, digits: 2)) M¥ "
                    + "and replacement \(Terminal.decimal(value * plan.budgetReplacementRate / 1e6, digits: 2)) M¥ a year"
            ),
            row("egress", Terminal.grouped(s.egressLinks), "\(Terminal.decimal(s.egressGbps)) Gbps on all contracts"),
            row("storage", Terminal.grouped(s.storagePools), storage),
            row("measurements", Terminal.grouped(s.measurements)),
        ].joined(separator: "\n")
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return Terminal.decimal(Double(seconds) + Double(attoseconds) / 1e18, digits: 2) + " s"
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
