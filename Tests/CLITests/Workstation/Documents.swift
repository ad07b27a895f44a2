import Foundation

/// Record files the browser tests upload, made by code.
enum Documents {
    /// A one-page PDF that says `text`, with its cross-reference table computed.
    static func pdf(saying text: String) -> Data {
        let stream = "BT /F1 24 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let table = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        pdf += offsets.map { String(repeating: "0", count: 10 - String($0).count) + "\($0) 00000 n \n" }.joined()
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        return Data(pdf.utf8)
    }

    /// An HTML page whose script would mark the window if it ever ran.
    static let hostileHTML = Data("<html><body><h1>Compte rendu</h1><script>window.parent.document.title='pwned';window.pwned=1</script></body></html>".utf8)

    /// A text record that carries markup meant to run.
    static let textWithScript = "Consultation du 3 mars : tension 12/8.\n<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">\n"
}
