/// Every figure the benchmark knows, in the order they run.
enum Figures {
    static let all: [any Figure] = [
        RecordSealFigure(size: 64 * 1024, requiredRatio: 0.8),
        RecordSealFigure(size: 1024, requiredRatio: 0.5),
        SQLiteIngestFigure(),
        CardSessionFigure(),
        CardSessionFigure(latency: .cps3),
        AgentOpenLatencyFigure(),
        AuditVerifyFigure(),
        RecordOpenLatencyFigure(),
        RotationFigure(),
        RestitutionFigure(),
        PostgresIngestFigure(),
        PostgresReadFigure(),
    ]
}
