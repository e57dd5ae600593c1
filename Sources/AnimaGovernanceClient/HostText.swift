/// Text the governance host chose (a verdict's `reason`, an error's message or field) is copied into anima.db,
/// status.json, the status screen and log lines, every few seconds: a host, or whatever answers in its place, could
/// send megabytes. Every such copy is cut to `maxLength` characters first.
public enum HostText {
    public static let maxLength = 200

    /// `text` itself when short enough, else its first `maxLength - 1` characters and "…".
    public static func capped(_ text: String) -> String {
        guard text.count > maxLength else { return text }
        return String(text.prefix(maxLength - 1)) + "…"
    }
}
