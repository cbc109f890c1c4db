import Foundation
import PingyiWorkflows
import Testing

@testable import pingyi

/// `pingyi backup` and `restore` start pg_dump and pg_restore with the database in their
/// environment: a process's arguments are readable by every local user in /proc/PID/cmdline.
@Suite("Tool invocation")
struct ToolInvocationTests {
    static let secret = "s3cr@t 'pass\\word'"
    static let inherited = ["PATH": "/usr/bin", "PGPASSWORD": "from-the-shell", "HOME": "/home/office"]

    @Test("a URL's password, host, port, user and database go into PG* variables; no argument holds the password")
    func url() throws {
        let url = "postgresql://office:s3cr%40t%20%27pass%5Cword%27@db.example:5433/pingyi?sslmode=require&keepalives=1"
        let dump = try ToolInvocation(["--format=custom", "--file=/tmp/x"], conninfo: url, environment: Self.inherited)
        for argument in dump.arguments { #expect(!argument.contains("s3cr") && !argument.contains("pass"), "\(argument)") }
        #expect(dump.environment["PGPASSWORD"] == Self.secret)
        #expect(dump.environment["PGHOST"] == "db.example" && dump.environment["PGPORT"] == "5433")
        #expect(dump.environment["PGUSER"] == "office" && dump.environment["PGDATABASE"] == "pingyi")
        #expect(dump.environment["PGSSLMODE"] == "require" && dump.environment["PATH"] == "/usr/bin")
        // keepalives has no variable: it stays on the command line, as a connection string.
        #expect(dump.arguments == ["--format=custom", "--file=/tmp/x", "--dbname=keepalives='1'"])
        let restore = try ToolInvocation(
            ["--no-owner"], operands: ["/tmp/x"], conninfo: "postgresql://office:pw@db/pingyi", dbnameRequired: true, environment: [:])
        #expect(restore.arguments == ["--no-owner", "--dbname=", "/tmp/x"])
        #expect(restore.environment == ["PGUSER": "office", "PGPASSWORD": "pw", "PGHOST": "db", "PGDATABASE": "pingyi"])
    }

    @Test("a key=value string the same way; multiple hosts stay lists; nothing given leaves the environment as it is")
    func keywordValue() throws {
        let invocation = try ToolInvocation(
            [], conninfo: #"host=a.example,b.example port=5432,5433 dbname=pingyi password='s3cr@t \'pass\\word\''"#, environment: [:])
        #expect(invocation.arguments.isEmpty)
        #expect(invocation.environment["PGPASSWORD"] == Self.secret)
        #expect(invocation.environment["PGHOST"] == "a.example,b.example" && invocation.environment["PGPORT"] == "5432,5433")
        let plain = try ToolInvocation(["--no-owner"], conninfo: "", environment: Self.inherited)
        #expect(plain.arguments == ["--no-owner"] && plain.environment == Self.inherited)
        #expect(try ToolInvocation([], operands: ["f"], conninfo: "", dbnameRequired: true, environment: [:]).arguments == ["--dbname=", "f"])
    }

    @Test("with a service in effect the other settings stay on the command line (a service file outranks PG* variables), the password never")
    func service() throws {
        let invocation = try ToolInvocation([], conninfo: "service=county host=db.example password=pw", environment: [:])
        #expect(invocation.arguments == ["--dbname=service='county' host='db.example'"])
        #expect(invocation.environment == ["PGPASSWORD": "pw"])
        let inherited = try ToolInvocation([], conninfo: "host=db.example password=pw", environment: ["PGSERVICE": "county"])
        #expect(inherited.arguments == ["--dbname=host='db.example'"] && inherited.environment["PGPASSWORD"] == "pw")
    }

    @Test("a secret without a variable (sslpassword) or an unreadable string is refused, without quoting it")
    func refused() throws {
        #expect(throws: WorkflowError.self) { try ToolInvocation([], conninfo: "host=db sslpassword=key-secret", environment: [:]) }
        do {
            _ = try ToolInvocation([], conninfo: "postgresql://office:s3cret@db:notaport/x?bogus=1", environment: [:])
            Issue.record("an unreadable string should be refused")
        } catch let error as WorkflowError {
            #expect(!error.operatorMessage.contains("s3cret"))
        }
    }
}
