/// Input holding a NUL character: in a URL (`%00`), a form or a JSON body. PostgreSQL's text
/// cannot hold one and C code stops at it (bcrypt, libpq's strings), so it is refused (400)
/// before it reaches either — never a 500, never half a value stored.
struct ControlCharacterError: HTTPProblemConvertible, Sendable {
    var problem: HTTPProblem { Self.problem }

    static let problem = HTTPProblem(
        status: .badRequest, code: "control_character", message: "提交的内容含有空字符（NUL）等控制字符，无法保存，未作任何更改。请删除后重新填写。")
}
