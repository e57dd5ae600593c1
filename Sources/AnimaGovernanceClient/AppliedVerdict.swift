import GovernanceCore

/// The verdict the creature obeys, with where it came from. Stored in anima.db's runtime state under
/// `GovernanceStateKeys.lastVerdict` so a paused creature stays paused across a restart.
public struct AppliedVerdict: Codable, Sendable, Equatable {
    public var action: GovernanceAction
    public var margin: MarginClass
    /// At most `HostText.maxLength` characters: the host's text is stored and shown every few seconds.
    public var reason: String
    /// `host` when the governance host decided; `local` for the device's own fallback (host unreachable).
    public var source: VerdictSource
    /// When it was decided, seconds since 1970 on the client's clock; RFC 3339 in JSON.
    public var decidedAt: Double

    public init(action: GovernanceAction, margin: MarginClass, reason: String, source: VerdictSource, decidedAt: Double) {
        self.action = action
        self.margin = margin
        self.reason = HostText.capped(reason)
        self.source = source
        self.decidedAt = decidedAt
    }

    public init(host verdict: BridgeVerdict, at time: Double) {
        self.init(action: verdict.action, margin: verdict.margin, reason: verdict.reason, source: .host, decidedAt: time)
    }

    public init(local verdict: LocalVerdict, at time: Double) {
        self.init(action: verdict.action, margin: verdict.margin, reason: verdict.reason, source: .local, decidedAt: time)
    }

    private enum CodingKeys: String, CodingKey {
        case action, margin, reason, source, decidedAt = "decided_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(GovernanceAction.self, forKey: .action)
        margin = try container.decode(MarginClass.self, forKey: .margin)
        reason = HostText.capped(try container.decode(String.self, forKey: .reason))
        source = try container.decode(VerdictSource.self, forKey: .source)
        decidedAt = try container.decodeRFC3339(forKey: .decidedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(margin, forKey: .margin)
        try container.encode(reason, forKey: .reason)
        try container.encode(source, forKey: .source)
        try container.encodeRFC3339(decidedAt, forKey: .decidedAt)
    }
}

/// The outcome of one sync: what went, what stays, what went wrong.
public struct SyncReport: Codable, Sendable, Equatable {
    /// Summaries the host stored.
    public var accepted: Int
    /// Summaries the host already had (a retry after a lost answer).
    public var duplicates: Int
    /// Requests that got a 2xx.
    public var batches: Int
    /// Summaries the host refused on their own, set aside in the quarantine during this sync.
    public var quarantined: Int = 0
    /// Finished drawings the host acknowledged during this sync.
    public var drawingsUploaded: Int = 0
    /// Summaries still queued afterwards.
    public var remaining: Int
    /// The failure that ended the sync, if any (its description; never the token).
    public var error: String?
    /// False when nothing was attempted (another sync in flight, or the backoff not yet over).
    public var attempted: Bool
    /// When the sync ended, seconds since 1970 on the client's clock; RFC 3339 in JSON.
    public var at: Double

    public var sent: Int { accepted + duplicates }

    public init(accepted: Int, duplicates: Int, batches: Int, remaining: Int, error: String?, attempted: Bool, at: Double) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.batches = batches
        self.remaining = remaining
        self.error = error
        self.attempted = attempted
        self.at = at
    }

    private enum CodingKeys: String, CodingKey {
        case accepted, duplicates, batches, quarantined, remaining, error, attempted, at
        case drawingsUploaded = "drawings_uploaded"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accepted = try container.decode(Int.self, forKey: .accepted)
        duplicates = try container.decode(Int.self, forKey: .duplicates)
        batches = try container.decode(Int.self, forKey: .batches)
        quarantined = try container.decodeIfPresent(Int.self, forKey: .quarantined) ?? 0
        drawingsUploaded = try container.decodeIfPresent(Int.self, forKey: .drawingsUploaded) ?? 0
        remaining = try container.decode(Int.self, forKey: .remaining)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        attempted = try container.decode(Bool.self, forKey: .attempted)
        at = try container.decodeRFC3339(forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(accepted, forKey: .accepted)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(batches, forKey: .batches)
        try container.encode(quarantined, forKey: .quarantined)
        try container.encode(drawingsUploaded, forKey: .drawingsUploaded)
        try container.encode(remaining, forKey: .remaining)
        try container.encodeIfPresent(error, forKey: .error)
        try container.encode(attempted, forKey: .attempted)
        try container.encodeRFC3339(at, forKey: .at)
    }
}

/// Keys of anima.db's runtime state the client writes (read by `anima status`).
public enum GovernanceStateKeys {
    /// `AppliedVerdict` JSON: action, margin, reason, source (host|local), decided_at.
    public static let lastVerdict = "governance.last_verdict"
    /// `SyncReport` JSON of the last sync that attempted something.
    public static let lastSync = "governance.last_sync"
    /// Counter: summaries queued.
    public static let summariesCreated = "governance.summaries_created"
    /// Counter: summaries the host acknowledged (accepted + duplicates).
    public static let summariesSent = "governance.summaries_sent"
    /// Summaries the host refused on their own and that were set aside (anima.db's `outbox_quarantine`).
    public static let summariesQuarantined = "governance.summaries_quarantined"
}
