import CQREncode
import Foundation

/// A QR code made with libqrencode (Debian's libqrencode-dev; no encoder of our own), as the
/// modules of its matrix and as SVG for a printed letter.
public struct QRCode: Sendable {
    /// Modules per side.
    public let size: Int
    /// Row-major: true for a dark module.
    public let modules: [Bool]

    /// Encodes `text` (8-bit mode, error correction level M: a letter survives a crease).
    public init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// An SVG of the code with a 4-module quiet zone, `pixels` wide, crisp when printed.
    public func svg(pixels: Int = 200, label: String) -> String {
        let side = size + 8
        var path = ""
        for row in 0..<size {
            for column in 0..<size where modules[row * size + column] {
                path += "M\(column + 4),\(row + 4)h1v1h-1z"
            }
        }
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" viewBox="0 0 \(side) \(side)" \
            shape-rendering="crispEdges" role="img" aria-label="\(escaped)"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}
