/// A URL as it may be logged or shown: `http://user:secret@host/` becomes `http://***@host/`. A governance URL with
/// credentials in it would otherwise print the password in every failed-send warning, `anima status` and the journal.
public enum RedactedURL {
    /// `url` with its userinfo (everything between `scheme://` and the last `@` of the authority) replaced by `***`;
    /// text that is not shaped like a URL is returned unchanged.
    public static func text(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let rest = url[authorityStart...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + "***" + String(url[at...])
    }
}
