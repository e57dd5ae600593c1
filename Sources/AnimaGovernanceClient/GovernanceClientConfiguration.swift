import Foundation

/// How the client reaches the governance host. TLS certificates are always verified — against the system CA store, or
/// against `caFile` alone for a fleet with its own CA; there is deliberately no option to turn verification off.
public struct GovernanceClientConfiguration: Sendable {
    public static let defaultInterval = 180.0
    public static let minimumInterval = 30.0
    /// One summary a day at the least: a longer interval is a typo (`1e308`), and the host would see a silent device.
    public static let maximumInterval = 86_400.0
    /// Most summaries per request (the host accepts up to 1000; 100 keeps requests small on a Pi's link).
    public static let maxBatchSize = 100

    /// Base URL of the host, e.g. `https://governance.example:8767`; summaries go to `{hostURL}/v1/summaries`.
    public let hostURL: URL
    public let token: DeviceToken
    /// Seconds between summaries.
    public let interval: Double
    /// Summaries per request, 1…100.
    public let batchSize: Int
    /// Seconds one request may take before it counts as a network failure.
    public let requestTimeout: Double
    /// PEM file of the CA(s) that sign the host's certificate, trusted instead of the system store; nil: system store.
    public let caFile: String?

    public init(
        hostURL: String, token: DeviceToken, interval: Double = defaultInterval, batchSize: Int = maxBatchSize,
        requestTimeout: Double = 30, caFile: String? = nil
    ) throws(GovernanceClientError) {
        guard let url = URL(string: hostURL), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty
        else { throw .invalidHostURL(RedactedURL.text(hostURL)) }
        guard interval.isFinite, interval >= Self.minimumInterval else { throw .intervalTooShort(interval) }
        guard interval <= Self.maximumInterval else { throw .intervalTooLong(interval) }
        self.hostURL = url
        self.token = token
        self.interval = interval
        self.batchSize = min(Self.maxBatchSize, max(1, batchSize))
        self.requestTimeout = max(1, requestTimeout)
        if let caFile { try Self.checkCAFile(caFile) }
        self.caFile = caFile
    }

    /// Reads the token from `tokenFile` (owner-only permissions required) and validates the rest.
    public init(hostURL: String, tokenFile: String, interval: Double = defaultInterval, caFile: String? = nil) throws(GovernanceClientError) {
        try self.init(hostURL: hostURL, token: try DeviceToken.read(path: tokenFile), interval: interval, caFile: caFile)
    }

    /// A CA file must be readable and hold a PEM certificate; checked at start, not at the first failed handshake.
    static func checkCAFile(_ path: String) throws(GovernanceClientError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .caFileUnusable(path: path, reason: "cannot be read (missing, or not readable by this user)")
        }
        guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw .caFileUnusable(path: path, reason: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
    }

    /// `{hostURL}/v1/drawings/{sha256}`.
    public func drawingURL(sha256: String) -> URL {
        var base = hostURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/v1/drawings/" + sha256) ?? hostURL
    }

    /// `{hostURL}/v1/summaries`, tolerating a trailing slash on the base.
    public var summariesURL: URL {
        var base = hostURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/v1/summaries") ?? hostURL
    }
}
