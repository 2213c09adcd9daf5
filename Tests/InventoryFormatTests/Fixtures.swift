import Foundation

/// A small valid interchange folder, written to a fresh temporary folder with any file
/// replaced or removed, so that each test changes exactly what it is about.
enum Fixture {
    static let files: [String: String] = [
        "plan.yaml": "measurement:\n  window_days: 14\n",
        "schools.csv": """
        code,name,district,locality,central,kind,classes_primary,classes_junior,kindergarten_stars
        S1,第一小学,中山区,urban_core,false,primary,12,,
        S2,村小,庄河市,village,false,nine_year,6,3,

        """,
        "links.csv": """
        link_id,school_code,provider,down_mbps,up_mbps,monthly_cost,contract_start,contract_end
        L1,S1,中国电信,200,200,2000,2026-01-01,2028-12-31
        L2,S2,中国联通,50,50,900,,

        """,
        "assets.csv": """
        asset_tag,school_code,category,room,model,purchase_date,purchase_cost,warranty_end,expected_life_years,status
        A1,S1,interactive_display,教室101,希沃 F86EA,2020-09-01,12000,2023-09-01,,in_service
        A2,,router,核心机房,,2019-03-15,450000.5,,10,faulty

        """,
        "egress.csv": """
        link_id,provider,capacity_gbps,monthly_cost,contract_start,contract_end
        E1,中国电信,10,180000,2025-01-01,2027-12-31

        """,
        "storage.csv": """
        pool,kind,capacity_tb,used_tb,as_of
        C1,cloud_storage,200,120.5,2026-10-01
        C1,cloud_storage,200,130,2026-11-01

        """,
        "districts.csv": """
        district,info_center_staff,small_district
        中山区,12,false
        庄河市,10,

        """,
        "measurements.csv": """
        id,school_code,probe_id,kind,started_at,duration_s,mbps,cross_traffic_mbps,rtt_ms,loss_pct,valid
        M1,S1,P1,throughput_down,2026-11-20T10:00:00+08:00,10,180.5,12,8.5,0,true

        """,
    ]

    /// Writes the fixture with `changes` applied (nil removes a file) and returns its path.
    static func folder(_ changes: [String: String?] = [:]) throws -> String {
        let path = temporaryFolder()
        var files = Fixture.files
        for (name, content) in changes { files[name] = content }
        for (name, content) in files {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return path
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-test-" + UUID().uuidString)
            .path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// `schools.csv` of the fixture with one cell of row 2 changed.
    static func schools(replacing old: String, with new: String) -> String {
        files["schools.csv"]!.replacingOccurrences(of: old, with: new)
    }
}
