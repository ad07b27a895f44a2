import PCSC
import SmartCard

/// A PC/SC connection is the channel to a real card (or to a simulated card behind vpcd).
extension CardConnection: SharedCardChannel {
    public var transmissionProtocol: TransmissionProtocol {
        activeProtocol == .t0 ? .t0 : .t1
    }
}
