/// HTML building for the dashboard: every value that came from a device or an operator (labels, reasons, eras,
/// completion paths) goes through `escape` — the host treats them as attacker-controlled.
enum HTML {
    /// Escapes text for element content and double- or single-quoted attribute values. NUL and other C0 controls
    /// (except tab/newline) become U+FFFD, which HTML parsers would otherwise treat inconsistently.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A whole page: a meta refresh (`refreshSeconds`, 0 for none), inline CSS (the CSP allows nothing from elsewhere),
    /// a header with navigation and `body`.
    static func page(title: String, refreshSeconds: Int, body: String) -> String {
        let refresh = refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" : ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(refresh)
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Anima governance</title>
            <style>\(stylesheet)</style></head>
            <body><header><a href="/ui/">Anima fleet</a></header><main>
            <h1>\(escape(title))</h1>
            \(body)
            </main></body></html>
            """
    }

    static let stylesheet = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f6f4ef;color:#222}\
        header{background:#2d3a4a;padding:.6em 1em}header a{color:#fff;text-decoration:none;font-weight:600}\
        main{padding:1em 1.5em}table{border-collapse:collapse;background:#fff}\
        th,td{padding:.35em .7em;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}\
        th{background:#e8e4da}.proceed{color:#1f7a3a}.pause{color:#b3261e;font-weight:600}\
        .gallery{display:flex;flex-wrap:wrap;gap:1em}.gallery figure{margin:0;background:#fff;padding:.5em}\
        img.thumb{width:64px;height:64px;image-rendering:pixelated;background:#000}\
        img.drawing{image-rendering:pixelated;background:#000;max-width:100%}\
        .charts{display:flex;flex-wrap:wrap;gap:1em}.muted{color:#777}\
        nav.window a{margin-right:.6em}
        """

    /// An `<a>` whose href we built ourselves (escaped anyway) around escaped text.
    static func link(_ href: String, _ text: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(text))</a>"
    }
}
