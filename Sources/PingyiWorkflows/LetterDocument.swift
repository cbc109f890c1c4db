import Foundation
import Mustache

/// The values of `LetterTemplates/letters.mustache`: the campaign's and the county's words once,
/// and one letter (one A4 page) per row of the links file. Mustache HTML-escapes every value but
/// the QR code's SVG, which `QRCode` makes (its label escaped there).
struct LetterDocument: Sendable {
    /// One respondent's page.
    struct Letter: Sendable {
        /// The respondent's name (a merchant's, or a supervisor's).
        let name: String
        /// The invitation's link.
        let link: String
        /// The link as a QR code, SVG.
        let qrCode: String
        /// The typed code, when the database knows it.
        let code: Code?
    }

    /// A typed code and the form's address where it is entered.
    struct Code: Sendable {
        /// The form's address without a token.
        let form: String
        /// The code in groups, as it is typed.
        let grouped: String
    }

    /// The questionnaire's title.
    let title: String
    /// The office that signs (`CountyIdentity.officeName`).
    let officeName: String
    /// The county's name.
    let countyName: String
    /// The campaign's year.
    let year: Int
    /// A merchant review's letter (else a star rating's, to a supervisor: 「同志」).
    let merchantReview: Bool
    /// A reminder (「评议提醒」) rather than an invitation.
    let reminder: Bool
    /// When the campaign closes, as the county writes it; `nil` when it has no planned close.
    let closesAt: String?
    /// What the letter promises about anonymity (`LetterWorkflow.promise`).
    let promise: String
    /// The consulting phone, if the county has one.
    let consultPhone: String?
    /// The supervising phone, if the county has one (printed only with a consulting phone).
    let supervisePhone: String?
    /// The 落款.
    let seal: String
    /// The date written under it.
    let date: String
    /// The pages, in the file's order.
    let letters: [Letter]

    /// The HTML document.
    func render() throws -> String {
        try Self.template.get().render(self)
    }

    /// The template, read once from the target's resources.
    private static let template = Result<MustacheTemplate, any Error> {
        guard let url = Bundle.module.url(forResource: "letters", withExtension: "mustache", subdirectory: "LetterTemplates") else {
            throw WorkflowError("找不到信函模板 LetterTemplates/letters.mustache")
        }
        return try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
    }
}
