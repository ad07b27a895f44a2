/// Text for a person to read: the literal parts as the command wrote them, and every value
/// interpolated into it with its control characters escaped (`\n`, `\0`, `\u{1B}`…), so that a
/// name, a content type or a reason stored by someone else can neither forge a line of a listing
/// nor send escape sequences to the terminal. JSON output does not go through it: it stays exact.
struct TerminalText: ExpressibleByStringInterpolation, CustomStringConvertible {
    private(set) var description: String

    init(stringLiteral literal: String) {
        description = literal
    }

    init(stringInterpolation: StringInterpolation) {
        description = stringInterpolation.text
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity)
        }

        mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        /// A value, escaped.
        mutating func appendInterpolation(_ value: some Any) {
            text += TerminalText.escaped(String(describing: value))
        }

        /// Text already made safe, as it is.
        mutating func appendInterpolation(_ value: TerminalText) {
            text += value.description
        }
    }

    /// `text` with each control character (C0, DEL, C1, and the line and paragraph separators)
    /// written as a Swift escape.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x0D: result += "\\r"
            case 0x09: result += "\\t"
            case 0x00: result += "\\0"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One line for each of `items`.
    static func lines<Item>(_ items: some Sequence<Item>, _ line: (Item) -> TerminalText) -> TerminalText {
        items.map(line).joined(separator: "\n")
    }

    static func + (left: TerminalText, right: TerminalText) -> TerminalText {
        var joined = left
        joined.description += right.description
        return joined
    }
}

extension Sequence<TerminalText> {
    /// The texts one after the other, with `separator` between them.
    func joined(separator: TerminalText) -> TerminalText {
        TerminalText(stringLiteral: map(\.description).joined(separator: separator.description))
    }
}
