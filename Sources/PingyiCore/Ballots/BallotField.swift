/// The names of a ballot form's fields.
///
/// - `a.TARGET.QUESTION`: an answer about a chief (employee number) or department (code);
/// - `g.QUESTION`: an answer asked once per ballot;
/// - `signed`: the star-rating 署名 box; `csrf`: the anti-forgery token (checked by the server).
public enum BallotField {
    /// The anti-forgery field.
    public static let csrf = "csrf"
    /// The 署名 box.
    public static let signed = "signed"

    /// The field of a per-target question.
    public static func answer(target: String, question: String) -> String { "a.\(target).\(question)" }

    /// The field of a once-per-ballot question.
    public static func general(question: String) -> String { "g.\(question)" }
}
