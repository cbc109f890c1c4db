/// Every page type (`PagesTests` checks that this list covers every page template).
enum Pages {
    static let all: [any Page.Type] = [
        BallotPage.self, CodeEntryPage.self, MessagePage.self, RetryPage.self, TrackingPage.self,
        ConsoleAssignmentOrderPage.self, ConsoleCalendarsPage.self, ConsoleChiefPage.self, ConsoleCluesPage.self, ConsoleConfirmPage.self,
        ConsoleCountPage.self, ConsoleJointPage.self,
        ConsoleCountyPage.self, ConsoleDepartmentPage.self, ConsoleFollowUpsPage.self, ConsoleImportPreviewPage.self, ConsoleImportsPage.self,
        ConsoleLedgerMonthPage.self, ConsoleLedgerQuarterPage.self, ConsoleLoginPage.self, ConsoleMessagePage.self, ConsoleNoticePage.self,
        ConsolePasswordPage.self, ConsolePersonnelPage.self, ConsoleProblemNewPage.self, ConsoleProblemPage.self, ConsoleProblemsPage.self,
        ConsoleProgressPage.self, ConsoleRankingPage.self, ConsoleStaffPage.self, ConsoleSuggestionsPage.self, ConsoleTrialPage.self,
        ConsoleYearConfirmPage.self, ConsoleYearPage.self, ConsoleYearsPage.self,
    ]
}
