import InventoryModel

extension SampleCityGenerator {
    /// Tests and traffic samples of a probed school over the weeks before the as-of day.
    ///
    /// Most links deliver about 94% of their contract as TCP goodput; some under-deliver; some
    /// probes went quiet weeks ago; some tests are invalid; some school-hour traffic is congested.
    mutating func makeMeasurements(for school: School, links: [SchoolLink]) -> [ProbeMeasurement] {
        let inForce = links.filter { $0.isInForce(on: options.asOf) }
        let contracted = inForce.reduce(0) { $0 + $1.downMbps }
        guard contracted > 0, random.chance(options.probedShare) else { return [] }
        let probe = school.code + "-P1"
        let delivered = contracted * (random.chance(0.15) ? random.double(0.45, 0.85) : random.double(0.93, 0.96))
        let quietSince = random.chance(0.1) ? random.int(15...30) : 0
        let offset: Int16 = 8 * 60
        var results: [ProbeMeasurement] = []
        func add(
            _ kind: MeasurementKind, _ at: Int64, _ seconds: Double, _ mbps: Double, cross: Double? = nil,
            rtt: Double? = nil, loss: Double? = nil, valid: Bool = true
        ) {
            results.append(
                ProbeMeasurement(
                    id: probe + "-" + pad(results.count + 1, 6), schoolCode: school.code, probeID: probe, kind: kind,
                    startedAt: Timestamp(millisecondsSinceEpoch: at * 1000, utcOffsetMinutes: offset),
                    durationSeconds: seconds, mbps: rounded(mbps, 2), crossTrafficMbps: cross.map { rounded($0, 2) },
                    rttMs: rtt.map { rounded($0, 1) }, lossPct: loss, valid: valid))
        }
        for back in stride(from: options.testDays, through: max(quietSince, 0), by: -1) {
            let day = options.asOf.adding(days: -back)
            guard day.isoWeekday <= 5 else { continue }
            let start = localSeconds(day, minute: random.int(8 * 60...16 * 60 + 50))
            let cross = random.chance(0.5) ? delivered * random.double(0.02, 0.25) : nil
            let valid = !random.chance(0.05)
            let goodput = (delivered - (cross ?? 0)) * random.double(0.97, 1.01) * (valid ? 1 : 0.3)
            let rtt = random.double(4, 30)
            add(.throughputDown, start, 10, goodput, cross: cross, rtt: rtt, loss: 0, valid: valid)
            add(.rtt, start - 5, 5, 0, rtt: rtt, loss: random.chance(0.1) ? 0.5 : 0)
            if back % 2 == 0 {
                let up = (inForce.reduce(0) { $0 + $1.upMbps }) * random.double(0.9, 0.96)
                add(.throughputUp, start + 20, 10, up, rtt: rtt, loss: 0)
            }
        }
        if random.chance(options.utilisationShare) {
            let peak = random.chance(0.3) ? random.double(0.85, 0.98) : random.double(0.3, 0.7)
            var day = options.asOf
            var days = 0
            while days < options.utilisationDays {
                day = day.adding(days: -1)
                guard day.isoWeekday <= 5 else { continue }
                days += 1
                for slot in 0..<(9 * 12) {
                    // Busiest mid-morning and early afternoon, quieter at lunch.
                    let hour = 8.0 + Double(slot) / 12
                    let shape =
                        hour < 12 ? min(1, (hour - 7.5) / 2.5) : hour < 13.5 ? 0.55 : max(0.3, 1 - (hour - 14) / 4)
                    let rate = delivered * peak * shape * random.double(0.85, 1.05)
                    add(.utilisationDown, localSeconds(day, minute: 8 * 60 + slot * 5), 300, rate)
                    add(
                        .utilisationUp, localSeconds(day, minute: 8 * 60 + slot * 5), 300,
                        rate * random.double(0.1, 0.3))
                }
            }
        }
        return results
    }

    /// Seconds since the epoch of a local (UTC+8) time on a day.
    private func localSeconds(_ day: CalendarDate, minute: Int) -> Int64 {
        Int64(day.daysSinceEpoch) * 86_400 + Int64(minute * 60) - 8 * 3600
    }
}
