import AnimaImage
import JSONDocument

/// The persisted canvas (`canvas.json`, spec §1.19): pixels and the canvas record, with the reference's keys.
/// Encoding and decoding are pure; the caller does the atomic write and, when decoding fails, renames the file
/// aside as `.corrupt` and starts fresh.
public struct CanvasDocument: Sendable, Equatable {
    public struct Pixel: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var color: RGB

        public init(x: Int, y: Int, color: RGB) {
            self.x = x
            self.y = y
            self.color = color
        }
    }

    public var pixels: [Pixel] = []
    public var recentLocations: [PixelPoint] = []
    public var drawingPhase: String?
    public var phaseStartTime: Double?
    public var lastSaveTime: Double?
    public var lastClearTime: Double?
    public var isSatisfied: Bool?
    public var satisfactionTime: Double?
    public var drawingsSaved: Int?
    public var energy: Double?
    public var markCount: Int?
    public var era: EraName?
    public var pendingEraSwitch: EraName?
    public var curiosity: Double?
    public var engagement: Double?
    public var fatigue: Double?
    public var arcPhase: ArcPhase?
    public var coherenceHistory: [Double]?
    public var iMomentum: Double?
    public var drawingStartTime: Double?

    public init() {}
}

/// Why a canvas document could not be read at all. The caller moves the file aside (`.corrupt`) and reports it.
public enum CanvasDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidJSON(JSONParseError)
    case notAnObject

    public var description: String {
        switch self {
        case .empty: "canvas document is empty; it will be moved aside and a fresh canvas started"
        case let .invalidJSON(error): "canvas document is not valid JSON (\(error)); it will be moved aside and a fresh canvas started"
        case .notAnObject: "canvas document is not a JSON object; it will be moved aside and a fresh canvas started"
        }
    }
}

extension CanvasDocument {
    /// Compact JSON with the reference's keys (times as epoch seconds, coherence history's last 20).
    public func encoded() -> [UInt8] {
        var members: [JSONMember] = []
        members.append(JSONMember(key: "pixels", value: .object(pixels.map { pixel in
            JSONMember(key: "\(pixel.x),\(pixel.y)", value: .array([
                .number(Double(pixel.color.r)), .number(Double(pixel.color.g)), .number(Double(pixel.color.b)),
            ]))
        })))
        members.append(JSONMember(key: "recent_locations", value: .array(recentLocations.map { .array([.number(Double($0.x)), .number(Double($0.y))]) })))
        func add(_ key: String, _ value: JSONValue?) { if let value { members.append(JSONMember(key: key, value: value)) } }
        add("drawing_phase", drawingPhase.map { .string($0) })
        add("phase_start_time", phaseStartTime.map { .number($0) })
        add("last_save_time", lastSaveTime.map { .number($0) })
        add("last_clear_time", lastClearTime.map { .number($0) })
        add("is_satisfied", isSatisfied.map { .bool($0) })
        add("satisfaction_time", satisfactionTime.map { .number($0) })
        add("drawings_saved", drawingsSaved.map { .number(Double($0)) })
        add("energy", energy.map { .number($0) })
        add("mark_count", markCount.map { .number(Double($0)) })
        add("era", era.map { .string($0.rawValue) })
        members.append(JSONMember(key: "pending_era_switch", value: pendingEraSwitch.map { .string($0.rawValue) } ?? .null))
        add("curiosity", curiosity.map { .number($0) })
        add("engagement", engagement.map { .number($0) })
        add("fatigue", fatigue.map { .number($0) })
        add("arc_phase", arcPhase.map { .string($0.rawValue) })
        add("coherence_history", coherenceHistory.map { .array($0.suffix(20).map { .number($0) }) })
        add("i_momentum", iMomentum.map { .number($0) })
        add("drawing_start_time", drawingStartTime.map { .number($0) })
        var text = ""
        JSONValue.object(members).write(into: &text)
        return Array(text.utf8)
    }

    /// Defensive decoding: invalid entries and fields are skipped (the default kept) and listed in `skipped`,
    /// naming the key and why. Only an unreadable document throws.
    ///
    /// Times (`*_time`) must be finite and not before 1970; with `now` (the run's clock), one later than `now` is
    /// clamped to `now` and listed too: a `last_save_time` of 1e300 would otherwise hold off completion forever.
    public static func decode(
        _ bytes: [UInt8], width: Int = 240, height: Int = 240, now: Double? = nil
    ) throws(CanvasDocumentError) -> (document: CanvasDocument, skipped: [String]) {
        guard bytes.contains(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { throw .empty }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON(error)
        }
        guard case .object = root else { throw .notAnObject }
        var document = CanvasDocument()
        var skipped: [String] = []

        if case let .object(entries)? = root["pixels"] {
            var invalid = 0
            for entry in entries {
                let (key, value) = (entry.key, entry.value)
                guard let point = parsePoint(key, width: width, height: height), let color = parseColor(value) else {
                    invalid += 1
                    continue
                }
                document.pixels.append(Pixel(x: point.x, y: point.y, color: color))
            }
            if invalid > 0 { skipped.append("pixels: \(invalid) invalid entries (key not \"x,y\" in range or colour not 3 ints 0…255)") }
        } else if root["pixels"] != nil {
            skipped.append("pixels: not an object")
        }
        if case let .array(items)? = root["recent_locations"] {
            var valid: [PixelPoint] = []
            for item in items {
                if case let .array(pair) = item, pair.count == 2, let x = integer(pair[0]), let y = integer(pair[1]),
                    x >= 0, y >= 0, x < width, y < height
                {
                    valid.append(PixelPoint(x: x, y: y))
                }
            }
            document.recentLocations = Array(valid.suffix(20))
        }

        func number(_ key: String) -> Double? {
            guard let value = root[key] else { return nil }
            if case let .number(n, _) = value { return n }
            skipped.append("\(key): not a number")
            return nil
        }
        func time(_ key: String) -> Double? {
            guard let n = number(key) else { return nil }
            guard n.isFinite, n >= 0 else {
                skipped.append("\(key): \(n) is not a time (seconds since 1970)")
                return nil
            }
            if let now, n > now {
                skipped.append("\(key): \(n) is in the future; clamped to now (\(now))")
                return now
            }
            return n
        }
        func unit(_ key: String) -> Double? {
            guard let n = number(key) else { return nil }
            guard (0...1).contains(n) else {
                skipped.append("\(key): \(n) outside [0, 1]")
                return nil
            }
            return n
        }
        func count(_ key: String) -> Int? {
            guard let value = root[key] else { return nil }
            guard let n = integer(value), n >= 0 else {
                skipped.append("\(key): not an integer ≥ 0")
                return nil
            }
            return n
        }

        if case let .string(phase)? = root["drawing_phase"] {
            if ArcPhase(rawValue: phase) != nil || CanvasRecord.legacyPhases.contains(phase) {
                document.drawingPhase = phase
            } else {
                skipped.append("drawing_phase: unknown phase \"\(phase)\"")
            }
        }
        document.phaseStartTime = time("phase_start_time")
        document.lastSaveTime = time("last_save_time")
        document.lastClearTime = time("last_clear_time")
        if case let .bool(flag)? = root["is_satisfied"] { document.isSatisfied = flag }
        document.satisfactionTime = time("satisfaction_time")
        document.drawingsSaved = count("drawings_saved")
        document.energy = unit("energy")
        document.markCount = count("mark_count")
        if case let .string(name)? = root["era"], !name.isEmpty {
            document.era = EraName.resolving(name)
        }
        if case let .string(name)? = root["pending_era_switch"], !name.isEmpty {
            document.pendingEraSwitch = EraName.resolving(name)
        }
        document.curiosity = unit("curiosity")
        document.engagement = unit("engagement")
        document.fatigue = unit("fatigue")
        if case let .string(phase)? = root["arc_phase"] {
            if let arc = ArcPhase(rawValue: phase) {
                document.arcPhase = arc
            } else {
                skipped.append("arc_phase: unknown phase \"\(phase)\"")
            }
        }
        if case let .array(items)? = root["coherence_history"] {
            document.coherenceHistory = items.compactMap { if case let .number(n, _) = $0 { n } else { nil } }
        }
        document.iMomentum = number("i_momentum")
        document.drawingStartTime = time("drawing_start_time")
        return (document, skipped)
    }

    static func parsePoint(_ key: String, width: Int, height: Int) -> PixelPoint? {
        let parts = key.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]), x >= 0, y >= 0, x < width, y < height
        else { return nil }
        return PixelPoint(x: x, y: y)
    }

    static func parseColor(_ value: JSONValue) -> RGB? {
        guard case let .array(channels) = value, channels.count == 3 else { return nil }
        var bytes: [UInt8] = []
        for channel in channels {
            guard let n = integer(channel), (0...255).contains(n) else { return nil }
            bytes.append(UInt8(n))
        }
        return RGB(bytes[0], bytes[1], bytes[2])
    }

    static func integer(_ value: JSONValue) -> Int? {
        guard case let .number(n, _) = value, n == n.rounded(), abs(n) < 1e15 else { return nil }
        return Int(n)
    }
}
