import Foundation
import ProbeAgent
import TestSupport
import Testing

/// The probe as school IT staff get it: the Debian package, installed with apt into a clean
/// Debian 12 root (debootstrap, no Swift there), run there, upgraded and purged.
@Suite(.serialized)
struct ProbePackageTests {
    static let debroot = ProbeProcess.root.appendingPathComponent("Probes/debroot.sh").path

    /// Whether a root can be made here: root, debootstrap and chroot.
    static let available: Bool =
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/debootstrap")

    /// The package: the one `.ci/run` built (SCHOOLNET_PROBE_DEB), else built now.
    static func package() throws -> String {
        if let given = ProcessInfo.processInfo.environment["SCHOOLNET_PROBE_DEB"], !given.isEmpty { return given }
        let built = try ProbeProcess.run(ProbeProcess.root.appendingPathComponent("Probes/package.sh").path, [])
        try #require(built.status == 0, "\(built.stderr.suffix(3000))")
        return built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A command inside the root.
    @discardableResult
    static func inRoot(_ root: String, _ arguments: [String]) throws -> Programs.Result {
        try ProbeProcess.run("/bin/bash", [debroot, "exec", root] + arguments)
    }

    /// `apt-get install ./schoolnet-probe_*.deb` pulls in only Debian's libraries and runs without
    /// Swift: `--version`, `doctor` (which names what is wrong: no service here) and `analyze` of
    /// a committed capture, the same as the build's own binary gives; an upgrade keeps the outbox
    /// and the configuration; `dpkg --purge` leaves nothing named schoolnet behind, nor its user.
    @Test(.enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil, "needs root and debootstrap"))
    func installUpgradePurge() throws {
        let deb = try Self.package()
        let root = ProbeProcess.temporaryPath("-debroot")
        defer { _ = try? ProbeProcess.run("/bin/bash", [Self.debroot, "down", root]) }
        let up = try ProbeProcess.run("/bin/bash", [Self.debroot, "up", root])
        try #require(up.status == 0, "\(up.stderr)")
        #expect(try Self.inRoot(root, ["sh", "-c", "command -v swift"]).status != 0, "no Swift in the root")

        try FileManager.default.copyItem(atPath: deb, toPath: root + "/tmp/probe.deb")
        #expect(try Self.inRoot(root, ["apt-get", "update", "-qq"]).status == 0)
        let install = try Self.inRoot(root, ["apt-get", "install", "-y", "-qq", "/tmp/probe.deb"])
        try #require(install.status == 0, "\(install.stdout.suffix(2000))\(install.stderr.suffix(2000))")
        #expect(install.stdout.contains("schoolnet-probe doctor"), "the first install says what to do next")

        let version = try Self.inRoot(root, ["schoolnet-probe", "--version"])
        #expect(version.status == 0 && version.stdout == ProbeVersion.current + "\n", "\(version.stderr)")
        let needed = try ProbeProcess.run("/usr/bin/objdump", ["-p", root + "/usr/bin/schoolnet-probe"])
        #expect(!needed.stdout.contains("libswift"), "the Swift runtime is linked in")
        let user = try Self.inRoot(root, ["getent", "passwd", "schoolnet-probe"])
        #expect(user.status == 0 && user.stdout.contains("/usr/sbin/nologin"))
        let modes = try Self.inRoot(
            root, ["stat", "-c", "%a %U %G %n", "/etc/schoolnet-probe/agent.yaml", "/var/lib/schoolnet-probe"])
        #expect(modes.stdout.contains("640 root schoolnet-probe /etc/schoolnet-probe/agent.yaml"), "\(modes.stdout)")
        #expect(
            modes.stdout.contains("750 schoolnet-probe schoolnet-probe /var/lib/schoolnet-probe"), "\(modes.stdout)")

        // The doctor on this machine's loopback, the service nowhere: capture works, the service
        // step fails and says what to check, the exit status says something failed.
        let config = """
            school_code: DL-ZS-0001
            probe_id: debroot
            interface: lo
            local_prefixes: [127.0.0.0/8]
            outbox: /var/lib/schoolnet-probe/outbox.sqlite
            tests:
              server: 127.0.0.1:9
            service:
              url: http://127.0.0.1:9
              token_file: /etc/schoolnet-probe/probe.token
            """
        try config.write(toFile: root + "/etc/schoolnet-probe/agent.yaml", atomically: true, encoding: .utf8)
        try "snt_x_y\n".write(toFile: root + "/etc/schoolnet-probe/probe.token", atomically: true, encoding: .utf8)
        let doctor = try Self.inRoot(root, ["schoolnet-probe", "doctor", "--lang", "en", "--seconds", "1"])
        #expect(doctor.status == 1, "\(doctor.stdout)\(doctor.stderr)")
        for line in ["✔ interface: lo is there and up", "✔ capture permitted", "✔ outbox", "✘ service reachable"] {
            #expect(doctor.stdout.contains(line), "\(line)\n\(doctor.stdout)")
        }
        #expect(doctor.stdout.contains("fix: check service.url"))
        // The doctor ran as root, yet the outbox it made is the agent's to write.
        let owner = try Self.inRoot(root, ["stat", "-c", "%U", "/var/lib/schoolnet-probe/outbox.sqlite"])
        #expect(owner.stdout == "schoolnet-probe\n", "\(owner.stdout)\(owner.stderr)")
        let chinese = try Self.inRoot(root, ["schoolnet-probe", "doctor", "--lang", "zh", "--seconds", "1"])
        #expect(chinese.stdout.contains("✘ 平台服务") && chinese.stdout.contains("怎么办："), "\(chinese.stdout)")

        try FileManager.default.copyItem(
            atPath: ProbeProcess.capture("ethernet.pcap"), toPath: root + "/tmp/ethernet.pcap")
        let analyze = ["analyze", "--local", "10.201.0.1/32", "--format", "json"]
        let inside = try Self.inRoot(root, ["schoolnet-probe"] + analyze + ["/tmp/ethernet.pcap"])
        let here = try ProbeProcess.run(ProbeProcess.probe, analyze + [ProbeProcess.capture("ethernet.pcap")])
        #expect(inside.status == 0 && !inside.stdout.isEmpty, "\(inside.stderr)")
        let sameFile = here.stdout.replacingOccurrences(
            of: ProbeProcess.capture("ethernet.pcap"), with: "/tmp/ethernet.pcap")
        #expect(inside.stdout == sameFile, "the packaged binary reads the capture as the built one does")

        // A result in the outbox, then an upgrade: the outbox and the configuration stay.
        let capture = try Self.inRoot(
            root,
            ["schoolnet-probe", "capture", "--config", "/etc/schoolnet-probe/agent.yaml", "--seconds", "1", "--quiet"])
        #expect(capture.status == 0, "\(capture.stderr)")
        let before = try Self.inRoot(root, ["schoolnet-probe", "status", "--lang", "en"])
        #expect(before.stdout.contains("outbox: 2 results waiting"), "\(before.stdout)")
        let upgrade = try Self.repackaged(deb, version: ProbeVersion.current + "+upgrade", in: root)
        let upgraded = try Self.inRoot(root, ["dpkg", "-i", upgrade])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        let after = try Self.inRoot(root, ["schoolnet-probe", "status", "--lang", "en"])
        #expect(after.stdout.contains("outbox: 2 results waiting"), "\(after.stdout)\(after.stderr)")
        #expect(try String(contentsOfFile: root + "/etc/schoolnet-probe/agent.yaml", encoding: .utf8) == config)

        let purge = try Self.inRoot(root, ["dpkg", "--purge", "schoolnet-probe"])
        #expect(purge.status == 0, "\(purge.stderr)")
        let left = try Self.inRoot(
            root,
            [
                "find", "/", "-xdev", "-name", "*schoolnet*", "-not", "-path", "/tmp/*", "-not", "-path",
                "/var/lib/dpkg/*",
            ])
        #expect(left.stdout.isEmpty, "left behind: \(left.stdout)")
        #expect(try Self.inRoot(root, ["getent", "passwd", "schoolnet-probe"]).status != 0, "the user is gone")
        #expect(try Self.inRoot(root, ["getent", "group", "schoolnet-probe"]).status != 0, "the group is gone")
        let status = try Self.inRoot(root, ["dpkg-query", "-W", "-f=${Status}", "schoolnet-probe"])
        #expect(!status.stdout.contains("installed"), "\(status.stdout)")
    }

    /// The package again under another version: an upgrade of the same files.
    static func repackaged(_ deb: String, version: String, in root: String) throws -> String {
        let folder = ProbeProcess.temporaryPath("-repack")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #require(try ProbeProcess.run("/usr/bin/dpkg-deb", ["-R", deb, folder]).status == 0)
        let control = folder + "/DEBIAN/control"
        let text = try String(contentsOfFile: control, encoding: .utf8)
            .replacingOccurrences(of: "Version: \(ProbeVersion.current)\n", with: "Version: \(version)\n")
        try text.write(toFile: control, atomically: true, encoding: .utf8)
        let built = try ProbeProcess.run(
            "/usr/bin/dpkg-deb", ["--root-owner-group", "--build", folder, root + "/tmp/probe-upgrade.deb"])
        try #require(built.status == 0, "\(built.stderr)")
        return "/tmp/probe-upgrade.deb"
    }
}
