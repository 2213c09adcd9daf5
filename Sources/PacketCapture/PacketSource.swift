import CPcap
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A capture error with libpcap's own words, naming the file, interface or filter at fault.
public struct CaptureError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, for a caller to switch on; `description` says it in words.
    public enum Code: String, Sendable {
        /// The file cannot be opened (missing, unreadable).
        case cannotOpen
        /// The file is neither pcap nor pcapng.
        case notACapture
        /// A pcap or pcapng file that is damaged: a truncated or malformed record, a time
        /// outside 1677-2262.
        case damagedFile
        /// A link layer SchoolNet does not read.
        case unsupportedLinkType
        /// A BPF filter libpcap refuses.
        case badFilter
        /// A live capture that cannot start or fails.
        case interface
        /// The agent's configuration is wrong or unreadable.
        case configuration
        /// An output file cannot be written.
        case cannotWrite
    }

    public var code: Code
    public var description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}

/// One packet as libpcap hands it over: valid until the next call on its source.
public struct Packet {
    /// Nanoseconds since the epoch (microsecond captures are scaled).
    public var timestampNs: Int64
    /// Length on the wire.
    public var originalLength: Int
    /// The captured bytes: headers only when the snap length is small.
    public var bytes: UnsafeRawBufferPointer
}

/// Kernel counters of a live capture (`pcap_stats`).
public struct CaptureStats: Hashable, Sendable {
    public var received: UInt64
    /// Dropped by the kernel because the capture buffer was full.
    public var dropped: UInt64
    /// Dropped by the interface or its driver, where it says.
    public var interfaceDropped: UInt64
}

/// What to ask of a live capture.
public struct LiveOptions: Sendable {
    public var interface: String
    /// Bytes kept of each packet: enough for the link, VLAN, IP and TCP headers, never payload.
    public var snapLength: Int32 = 128
    public var bufferBytes: Int32 = 8 << 20
    /// Hand each packet over at once (no batching delay), for live rates.
    public var immediate = true
    /// Wake up this often when no packet comes, so a quiet link still advances the clock.
    public var timeoutMs: Int32 = 100
    public var promiscuous = false

    public init(interface: String) {
        self.interface = interface
    }
}

/// A libpcap capture: a live interface or a pcap/pcapng file, with an optional BPF filter.
///
/// Not thread-safe: one reader at a time, as libpcap itself.
public final class PacketSource {
    private let handle: OpaquePointer
    /// For live captures: the descriptor to wait on, and how long to wait before `.timeout`.
    /// libpcap's own timeout does not fire in immediate mode on Linux, so the source polls.
    private var selectable: Int32 = -1
    private var waitMs: Int32 = 100
    /// Set by `stop()` from any thread; `next()` then ends (pcap_breakloop alone does not stop
    /// a non-blocking live read on Linux).
    private let stopRequested = Atomic<Bool>(false)
    /// The link type of the packets, as libpcap reports it.
    public let linkType: LinkType
    /// What the source is, for messages: the file path or the interface name.
    public let name: String
    /// Whether timestamps carry nanoseconds (else microseconds).
    public let nanosecondTimestamps: Bool
    /// Records read so far, for messages about a damaged one.
    private var packetNumber = 0

    private init(handle: OpaquePointer, name: String) throws {
        self.handle = handle
        self.name = name
        let dlt = pcap_datalink(handle)
        guard let linkType = LinkType(dlt: dlt) else {
            let known = pcap_datalink_val_to_name(dlt).map { String(cString: $0) } ?? "unnamed"
            pcap_close(handle)
            throw CaptureError(
                .unsupportedLinkType,
                "\(name): link type \(dlt) (\(known)) is not supported; SchoolNet reads Ethernet (with 802.1Q tags), "
                    + "Linux cooked capture v1 and v2, and raw IPv4/IPv6")
        }
        self.linkType = linkType
        nanosecondTimestamps = pcap_get_tstamp_precision(handle) == Int32(PCAP_TSTAMP_PRECISION_NANO)
    }

    deinit { pcap_close(handle) }

    /// Opens a pcap or pcapng file (micro- or nanosecond timestamps), asking for nanoseconds.
    public static func open(file path: String) throws -> PacketSource {
        var errors = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_open_offline_with_tstamp_precision(path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errors)
        else {
            let reason = String(cString: errors)
            if reason.contains("unknown file format") || reason.contains("bad dump file format") {
                throw CaptureError(.notACapture, "\(path): not a capture file (pcap or pcapng): \(reason)")
            }
            // libpcap says why in its own words; only a system error (errno) means "cannot open".
            let system = ["No such file", "Permission denied", "Is a directory"].contains { reason.contains($0) }
            throw CaptureError(system ? .cannotOpen : .damagedFile, "\(path): \(reason)")
        }
        return try PacketSource(handle: handle, name: path)
    }

    /// Starts a live capture on an interface (needs CAP_NET_RAW, or root).
    public static func live(_ options: LiveOptions) throws -> PacketSource {
        var errors = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_create(options.interface, &errors) else {
            throw CaptureError(.interface, "\(options.interface): \(String(cString: errors))")
        }
        pcap_set_snaplen(handle, options.snapLength)
        pcap_set_promisc(handle, options.promiscuous ? 1 : 0)
        pcap_set_buffer_size(handle, options.bufferBytes)
        pcap_set_timeout(handle, options.timeoutMs)
        if options.immediate { pcap_set_immediate_mode(handle, 1) }
        // Nanoseconds where the kernel gives them; microseconds otherwise.
        _ = pcap_set_tstamp_precision(handle, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(handle)
        if status < 0 {
            let detail = String(cString: pcap_geterr(handle))
            let reason = String(cString: pcap_statustostr(status))
            pcap_close(handle)
            let hint = status == PCAP_ERROR_PERM_DENIED ? " (run as root, or give the binary CAP_NET_RAW)" : ""
            throw CaptureError(.interface, "\(options.interface): \(detail.isEmpty ? reason : detail)\(hint)")
        }
        let source = try PacketSource(handle: handle, name: options.interface)
        if pcap_setnonblock(handle, 1, &errors) == 0 {
            source.selectable = pcap_get_selectable_fd(handle)
            source.waitMs = options.timeoutMs
        }
        return source
    }

    /// Keeps only packets that match a BPF filter (tcpdump's syntax); a bad filter is an error
    /// with libpcap's reason.
    public func setFilter(_ expression: String) throws {
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw CaptureError(.badFilter, "bad filter \"\(expression)\": \(String(cString: pcap_geterr(handle)))")
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(handle, &program) == 0 else {
            throw CaptureError(.badFilter, "filter \"\(expression)\": \(String(cString: pcap_geterr(handle)))")
        }
    }

    /// What `next` found.
    public enum Next {
        case packet(Packet)
        /// A live capture's timeout passed without a packet.
        case timeout
        /// The end of the file, or a live capture stopped with `stop()`.
        case end
    }

    /// The next packet. A damaged file (a truncated record, a record longer than the snap
    /// length, a time libpcap cannot have meant) is an error naming the file and the packet number.
    @inline(__always)
    public func next() throws -> Next {
        if stopRequested.load(ordering: .relaxed) { return .end }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        switch pcap_next_ex(handle, &header, &data) {
        case 1:
            packetNumber += 1
            guard let header else { throw damaged("libpcap gave no record header") }
            let h = header.pointee
            guard
                let timestampNs = Self.nanoseconds(
                    seconds: Int64(h.ts.tv_sec), fraction: Int64(h.ts.tv_usec), nano: nanosecondTimestamps)
            else {
                throw damaged("time \(h.ts.tv_sec) s \(h.ts.tv_usec) is outside 1677-2262")
            }
            // A record libpcap accepted has its bytes; a nil pointer with bytes to read is damage.
            guard data != nil || h.caplen == 0 else { throw damaged("record without data") }
            return .packet(
                Packet(
                    timestampNs: timestampNs, originalLength: Int(h.len),
                    bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen))))
        case 0:
            // Nothing ready: wait for the descriptor, up to the timeout, then say so.
            if selectable >= 0 {
                var waiting = pollfd(fd: selectable, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiting, 1, waitMs)
            }
            return .timeout
        case PCAP_ERROR_BREAK: return .end
        default:
            let reason = String(cString: pcap_geterr(handle))
            if selectable >= 0 { throw CaptureError(.interface, "\(name): \(reason)") }
            throw CaptureError(.damagedFile, "\(name): packet \(packetNumber + 1): \(reason)")
        }
    }

    /// Nanoseconds since the epoch of a record's time, or nil when it does not fit an `Int64`
    /// (before 1677 or after 2262): a pcapng file's 64-bit times, or its time resolution, can
    /// be damaged into any value, and multiplying one unchecked would trap. (libpcap reads a
    /// classic pcap's 32-bit seconds as signed: a time past 2038 comes out before 1970.)
    static func nanoseconds(seconds: Int64, fraction: Int64, nano: Bool) -> Int64? {
        // A fraction of a second or more (a damaged pcap record) is added as it is, as tcpdump
        // does; only a sum beyond Int64 is refused.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (fractionNs, fractionOverflow) = fraction.multipliedReportingOverflow(by: nano ? 1 : 1000)
        guard !overflow, !fractionOverflow else { return nil }
        let (sum, carry) = scaled.addingReportingOverflow(fractionNs)
        return carry ? nil : sum
    }

    private func damaged(_ reason: String) -> CaptureError {
        CaptureError(.damagedFile, "\(name): packet \(packetNumber): \(reason)")
    }

    /// Kernel counters of a live capture; nil for files.
    public func stats() -> CaptureStats? {
        var counters = pcap_stat()
        guard pcap_stats(handle, &counters) == 0 else { return nil }
        return CaptureStats(
            received: UInt64(counters.ps_recv), dropped: UInt64(counters.ps_drop),
            interfaceDropped: UInt64(counters.ps_ifdrop))
    }

    /// Makes the next `next()` return `.end`; safe from another thread (a signal's handler).
    public func stop() {
        stopRequested.store(true, ordering: .relaxed)
        pcap_breakloop(handle)
    }
}
