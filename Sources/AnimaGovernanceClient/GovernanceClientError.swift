import AnimaStore

/// Why the governance client could not start or could not deliver. Messages name the file, URL or status and say
/// what to do; none of them ever contains the device token.
public enum GovernanceClientError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidHostURL(String)
    case intervalTooShort(Double)
    /// Longer than `GovernanceClientConfiguration.maximumInterval` (a typo like `1e308` would mean no summary ever).
    case intervalTooLong(Double)
    case tokenFileUnreadable(path: String, reason: String)
    /// The token file is readable by group or others (`mode` is the permission bits).
    case tokenFileTooOpen(path: String, mode: UInt32)
    case tokenFileEmpty(path: String)
    /// The token file holds more than one line or a byte that cannot go into a header (a pasted second line, a NUL).
    case tokenFileMalformed(path: String, reason: String)
    /// `governance.ca_file` is missing, unreadable or holds no PEM certificate.
    case caFileUnusable(path: String, reason: String)
    /// 401 or 403: the host does not accept this device's token.
    case unauthorized(status: Int, detail: String)
    /// Another 4xx (not 408/429): the host refused the batch; the rows stay queued.
    case rejected(status: Int, detail: String, field: String?)
    /// A 4xx whose body is not the governance host's JSON error: a proxy or another server (wrong port or path)
    /// answered; nothing is said about the rows, which stay queued.
    case notTheHost(status: Int, excerpt: String)
    /// The host refused a summary or drawing as dated in the future: the device's clock is or was ahead. Kept, resent later.
    case clockAhead(status: Int, detail: String, field: String)
    /// 5xx, 408 or 429: the host is there but cannot take the batch now.
    case serverUnavailable(status: Int, detail: String)
    /// No HTTP answer at all (DNS, refused connection, TLS, timeout).
    case network(String)
    /// A 2xx whose body is not the bridge's response for the batch sent (a captive portal, a proxy page).
    case badResponse(String)
    /// A 3xx: never followed, so the device token cannot leak to another origin.
    case redirected(status: Int, location: String)
    /// A summary that would not pass the bridge's validation (a bug in what the runtime handed over).
    case invalidSummary(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case let .invalidHostURL(url):
            return "governance URL \"\(url)\" is not an http(s) URL with a host, e.g. https://governance.example:8767"
        case let .intervalTooShort(seconds):
            return "governance.interval \(seconds) s is below the minimum of \(GovernanceClientConfiguration.minimumInterval) s"
        case let .intervalTooLong(seconds):
            return "governance.interval \(seconds) s is above the maximum of \(GovernanceClientConfiguration.maximumInterval) s (one day): "
                + "give the seconds between summaries, e.g. 180"
        case let .tokenFileUnreadable(path, reason):
            return "cannot read the device token file \(path): \(reason). Create it with the token printed by "
                + "`governance-host agents create` and `chmod 600 \(path)`."
        case let .tokenFileTooOpen(path, mode):
            return "device token file \(path) has mode \(String(mode, radix: 8, uppercase: false).leftPadded(to: 4)); "
                + "it must be readable by its owner only: run `chmod 600 \(path)`"
        case let .caFileUnusable(path, reason):
            return "governance.ca_file \(path) \(reason): give the PEM file of the CA that signed the host's certificate"
        case let .tokenFileEmpty(path):
            return "device token file \(path) is empty; put the token printed by `governance-host agents create` in it"
        case let .tokenFileMalformed(path, reason):
            return "device token file \(path) holds \(reason); it must hold the token alone on one line "
                + "(the one printed by `governance-host agents create`)"
        case let .unauthorized(status, detail):
            return "the governance host refused the device token (HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")). "
                + (status == 403
                    ? "The token belongs to another agent: use this device's token."
                    : "Check the token file, or create a new token with `governance-host agents create` (revoked tokens stay refused).")
        case let .rejected(status, detail, field):
            return "the governance host rejected a batch (HTTP \(status)\(field.map { " at \($0)" } ?? ""): \(detail)); "
                + "the summaries stay queued"
        case let .notTheHost(status, excerpt):
            return "HTTP \(status) with \(excerpt) is not the governance host's answer (a proxy, or the wrong port or path "
                + "in governance.url?); nothing is set aside, will retry with backoff"
        case let .clockAhead(status, detail, field):
            return "the governance host says this device's clock is ahead (HTTP \(status)\(field.isEmpty ? "" : " at \(field)"): \(detail)); "
                + "check the clock (NTP, `timedatectl`); kept queued and resent later with backoff"
        case let .serverUnavailable(status, detail):
            return "the governance host answered HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)"); will retry with backoff"
        case let .network(message):
            return "cannot reach the governance host: \(message); will retry with backoff"
        case let .badResponse(message):
            return "the governance host's answer is not a summary response: \(message)"
        case let .redirected(status, location):
            return "the governance URL answered HTTP \(status), a redirect to \(location); not followed, so the device token "
                + "stays with the configured host (a captive portal or a moved host: fix governance.url); will retry with backoff"
        case let .invalidSummary(message):
            return "refusing to queue an invalid summary: \(message)"
        case let .store(error):
            return "anima.db: \(error)"
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
