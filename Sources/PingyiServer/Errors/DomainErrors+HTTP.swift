import Hummingbird
import PingyiCore
import PingyiStore
import PingyiTally

// The domain's and the stores' errors as HTTP problems, decided once: what is not there is 404,
// a step the current state does not allow is 409, input that reads but breaks a rule is 422.
// The message is the error's own Chinese description.

extension AppraisalError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound, .noRun, .notPublished: .notFound
            case .exists, .published, .campaignsOpen, .nobodyRanked, .notLatestRun: .conflict
            case .badYear, .reasonRequired: .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension CampaignError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound, .yearNotFound: .notFound
            // A key that does not match the campaign's stored one conflicts with what is stored.
            case .duplicate, .illegalTransition, .notAcceptingInvitations, .sealingKeyMissing, .openingKeyMissing, .openingKeyMismatch,
                .boxMismatch, .notDraft, .alreadyTakingAnswers, .notJoint, .nothingToCount, .shareGiven, .counted, .notCounted, .notClosed,
                .rosterChanged, .boxTampered, .boxChanged:
                .conflict
            case .wrongTarget, .unknownDepartments, .badPeriod, .reissueNeedsReason, .closingInPast: .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension FollowUpError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound: .notFound
            case .withdrawn: .conflict
            case .statusRequired, .noteRequired, .badDoneOn: .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension ProblemClueError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status = self == .notFound ? .notFound : .unprocessableContent
        return HTTPProblem(status, description)
    }
}

extension StaffError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound: .notFound
            case .loginTaken: .conflict
            case .badAccount, .departmentRequired, .unknownDepartment: .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension APIKeyError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound: .notFound
            case .badName, .consoleOnlyRole: .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension InvalidFile: HTTPProblemConvertible {
    var problem: HTTPProblem {
        HTTPProblem(status: .unprocessableContent, code: "invalid", message: issues.map(\.description).joined(separator: "\n"))
    }
}

extension ProblemError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        let status: HTTPResponse.Status =
            switch self {
            case .notFound, .clueNotFound: .notFound
            case .illegalStep, .clueTaken, .replyFirst, .callbackFirst: .conflict
            case .anonymous, .noteRequired, .unknownDepartment, .badDescription, .callbackRequired, .futureDay, .beforeLastStep:
                .unprocessableContent
            }
        return HTTPProblem(status, description)
    }
}

extension ProblemEvidenceError: HTTPProblemConvertible {
    var problem: HTTPProblem {
        if case .tooLarge = self { return HTTPProblem(.contentTooLarge, description) }
        return HTTPProblem(.unprocessableContent, description)
    }
}

extension WorkingCalendarError: HTTPProblemConvertible {
    /// A deadline that needs a year without a calendar: the office must import it first.
    var problem: HTTPProblem { HTTPProblem(.conflict, description) }
}

extension TallyError: HTTPProblemConvertible {
    /// A share, a ceremony or a choice that does not fit the joint count breaks its rules: 422,
    /// with the words naming the trustee.
    var problem: HTTPProblem { HTTPProblem(.unprocessableContent, description) }
}
