/// One entry of a form's error summary: a link to the field, naming whom or what it is about.
struct ErrorLink: Sendable {
    /// `#` and the id of the field's first input.
    let href: String
    /// 「秦桂（县市场监管局·登记股）：请选择「总体评价」」
    let text: String
}
