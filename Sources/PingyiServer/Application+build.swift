import Foundation
import Hummingbird
import Logging
import NIOCore
import PingyiConfiguration
import PingyiCore
import PingyiPostgres
import PingyiStore

/// Builds the web application — shared by `pingyi serve` and the tests. The connection pool
/// runs as a service of the application's `ServiceGroup`, so SIGTERM and SIGINT drain the
/// requests in flight, then close the pool. `onServerRunning` is called with the listening
/// channel once the server accepts connections (tests listening on port 0 learn the port there).
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger = Logger(label: "pingyi.server"),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) async throws
    -> some ApplicationProtocol
{
    let pool = ConnectionPool(
        configuration: .init(
            conninfo: configuration.conninfo, database: configuration.database, maxConnections: configuration.poolSize,
            connectTimeout: configuration.connectTimeout),
        logger: logger)
    // The reports' pool, on a standby when PINGYI_READ_URL says so; else the same pool.
    let readPool = configuration.readConninfo.map { conninfo in
        ConnectionPool(
            configuration: .init(
                conninfo: conninfo, database: configuration.readDatabase, maxConnections: configuration.poolSize,
                connectTimeout: configuration.connectTimeout),
            logger: logger)
    }
    // Each connection watched for its client hanging up, so that its request is cancelled then.
    let connections = ClientConnections()
    let router = try await buildRouter(configuration, pool: pool, readPool: readPool ?? pool, connections: connections)
    var application = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [ClientHangUpHandler(connections: connections)], idleTimeout: .init(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Pingyi"),
        onServerRunning: onServerRunning, logger: logger)
    application.addServices(PoolService(pool: pool))
    if let readPool { application.addServices(PoolService(pool: readPool)) }
    return application
}

/// Every route of the application as `METHOD /path/{parameter}` (for checking the OpenAPI document).
public func applicationRoutes() async throws -> [String] {
    let pool = ConnectionPool(configuration: .init(maxConnections: 1))
    let router = try await buildRouter(ServerConfiguration(), pool: pool, readPool: pool)
    await pool.shutdown()
    return router.routes.map { route in
        let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
        return "\(route.method.rawValue) /" + path.joined(separator: "/")
    }
}

/// `readPool` serves what only reads published results (the ranking and personnel pages, the
/// API's appraisal routes); it may lag the primary by the replication delay. With `connections`
/// (the server's, see `ClientHangUpHandler`) a request whose client hangs up is cancelled.
func buildRouter(
    _ configuration: ServerConfiguration, pool: ConnectionPool, readPool: ConnectionPool, connections: ClientConnections? = nil
) async throws -> Router<PingyiRequestContext> {
    let views = try await Views.load()
    let router = Router(context: PingyiRequestContext.self)
    _ = PingyiMetrics.bootstrapped
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(https: configuration.usesHTTPS))
    // Requests by route template, status and latency (after the error pages: every status counted).
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorPageMiddleware(views: views))
    if let connections { router.add(middleware: ClientDisconnectMiddleware(connections: connections)) }
    router.add(middleware: NULRefusalMiddleware())
    let identity = CountyIdentityStore(pool: pool, cache: views.identity)
    // Read at once in the background (a database that does not answer delays nothing: pages
    // show the default until it does).
    identity.refreshIfStale()
    router.add(middleware: CountyIdentityMiddleware(store: identity))

    HealthController(pool: pool, timeout: configuration.readinessTimeout).add(to: router)
    try StaticController.load().add(to: router)
    let antiForgery = AntiForgery(secret: configuration.formSecret)
    let limiter = TokenLookupLimiter(limit: configuration.maxFailedLookups, window: configuration.lookupWindow)
    let codeKey = configuration.codeKey ?? InvitationCodeKey(secret: Data(InvitationCodeKey.randomSecret().utf8))!
    for kind in CampaignKind.allCases {
        BallotController(
            kind: kind, store: BallotStore(pool: pool), views: views, antiForgery: antiForgery, limiter: limiter, codeKey: codeKey,
            configuration: configuration
        ).add(to: router)
    }

    TrackingController(
        store: JointTallyStore(pool: pool), views: views,
        formPosts: FormPostMiddleware(views: views, originCheck: OriginCheck(publicURL: configuration.publicURL))
    ).add(to: router)

    let gate = ConsoleGate(staff: StaffStore(pool: pool), views: views, antiForgery: antiForgery, configuration: configuration)
    // The console's pages: the session cookie read into the context (the sign-in and sign-out
    // routes are outside the group).
    let console = router.group("console").add(middleware: ConsoleSessionMiddleware(gate: gate))
    let hasher = PasswordHasher(cost: configuration.bcryptCost)
    ConsoleSessionController(
        gate: gate, limiter: TokenLookupLimiter(limit: 10, window: .seconds(600)), throttle: LoginThrottle(), hasher: hasher
    ).add(to: router, console: console)
    ConsoleStaffController(gate: gate, roster: RosterStore(pool: pool), hasher: hasher).add(to: console)
    ConsoleCampaignsController(
        gate: gate, campaigns: CampaignStore(pool: pool), invitations: InvitationStore(pool: pool), appraisals: AppraisalStore(pool: pool),
        codeKey: codeKey, tally: JointTallyStore(pool: pool)
    ).add(to: console)
    ConsoleJointCountController(
        gate: gate, campaigns: CampaignStore(pool: pool), tally: JointTallyStore(pool: pool), desk: JointCeremonyDesk(),
        counting: JointCountDesk()
    ).add(to: console)
    ConsoleYearsController(
        gate: gate, appraisals: AppraisalStore(pool: pool), campaigns: CampaignStore(pool: pool), scoring: ScoringStore(pool: pool)
    ).add(to: console)
    ConsoleImportsController(gate: gate, pool: pool, pending: PendingImportStore(pool: pool)).add(to: console)
    ConsoleRankingController(
        gate: gate, scoring: ScoringResultsStore(pool: readPool), appraisals: AppraisalStore(pool: readPool), ballots: BallotStore(pool: readPool)
    ).add(to: console)
    ConsoleFollowUpsController(gate: gate, followUps: FollowUpStore(pool: pool)).add(to: console)
    ConsolePersonnelController(gate: gate, scoring: ScoringResultsStore(pool: readPool)).add(to: console)
    ConsoleCluesController(gate: gate, clues: ProblemClueStore(pool: pool)).add(to: console)
    ConsoleProblemsController(gate: gate, problems: ProblemStore(pool: pool), roster: RosterStore(pool: pool)).add(to: console)
    ConsoleProblemStepsController(gate: gate, problems: ProblemStore(pool: pool), roster: RosterStore(pool: pool)).add(to: console)
    ConsoleCalendarsController(gate: gate, problems: ProblemStore(pool: pool)).add(to: console)
    ConsoleCountyController(gate: gate, identity: identity).add(to: console)
    ConsoleSuggestionsController(gate: gate, ballots: BallotStore(pool: readPool), appraisals: AppraisalStore(pool: readPool)).add(to: console)
    ConsoleNoticesController(gate: gate, scoring: ScoringResultsStore(pool: readPool), problems: ProblemStore(pool: pool)).add(to: console)

    // The API's errors are JSON, by the group's own middleware (a request that matches no route
    // at all is answered by ErrorPageMiddleware, as JSON when its path is under APIError.prefix).
    let api = router.group(RouterPath(APIError.prefix))
        .add(middleware: APIErrorMiddleware())
        .add(middleware: APIKeyMiddleware(store: APIKeyStore(pool: pool)))
    AppraisalsController(
        reading: StoreAppraisalsReading(
            appraisals: AppraisalStore(pool: readPool), scoring: ScoringResultsStore(pool: readPool), ballots: BallotStore(pool: readPool),
            followUpStore: FollowUpStore(pool: readPool))
    ).add(to: api)
    AdminController(followUps: FollowUpStore(pool: pool), audit: AuditStore(pool: pool)).add(to: api)
    ProblemsAPIController(problems: ProblemStore(pool: pool)).add(to: api)
    MetricsController(pool: pool, scoring: ScoringResultsStore(pool: pool)).add(
        to: router.group("metrics").add(middleware: APIErrorMiddleware()).add(middleware: APIKeyMiddleware(store: APIKeyStore(pool: pool))))
    return router
}
