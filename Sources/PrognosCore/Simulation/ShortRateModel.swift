import Foundation

/// A Gaussian one-factor short-rate model, r(t) = x(t) + α(t), with x an
/// Ornstein–Uhlenbeck process from x(0) = 0 simulated exactly (rates.md, Stochastic models):
/// x(t+Δ) = x(t) e^{−aΔ} + σ √((1 − e^{−2aΔ})/(2a)) Z.
///
/// Zero-coupon bonds are closed-form and log-linear in the state: ln P(t,T) = c(t,T) − B(t,T) x(t),
/// B = (1 − e^{−a(T−t)})/a, so a path prices any bond with one exponential.
public struct ShortRateModel: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// dr = (θ(t) − a r) dt + σ dW, θ fitted to the initial curve (Hull & White 1990).
        case hullWhite = "hull_white"
        /// dr = a (b − r) dt + σ dW (Vasicek 1977); does not fit the curve.
        case vasicek
    }

    public let kind: Kind
    /// Mean reversion a (> 0) and volatility σ (≥ 0).
    public let a: Double
    public let sigma: Double
    public let curve: ZeroCurve
    /// Vasicek's long-run level b and r(0).
    public let longRun: Double
    public let r0: Double

    public init(kind: Kind, a: Double, sigma: Double, curve: ZeroCurve, longRun: Double = 0, r0: Double? = nil) {
        self.kind = kind
        self.a = a
        self.sigma = sigma
        self.curve = curve
        self.longRun = longRun
        self.r0 = r0 ?? curve.zeros[0]
    }

    /// B(t,T) = (1 − e^{−a(T−t)})/a.
    @inline(__always)
    public func B(_ t: Double, _ T: Double) -> Double { (1 - exp(-a * (T - t))) / a }

    /// The deterministic part α(t) of r(t) = x(t) + α(t).
    /// Hull–White: f(0,t) + σ²/(2a²)(1 − e^{−at})² (f the initial instantaneous forward);
    /// Vasicek: b + (r₀ − b) e^{−at}.
    public func alpha(_ t: Double) -> Double {
        switch kind {
        case .hullWhite:
            let e = 1 - exp(-a * t)
            return curve.instantaneousForward(t) + sigma * sigma / (2 * a * a) * e * e
        case .vasicek:
            return longRun + (r0 - longRun) * exp(-a * t)
        }
    }

    /// c(t,T) with ln P(t,T) = c − B x(t).
    /// Hull–White: P(t,T) = P(0,T)/P(0,t) · exp(B f(0,t) − σ²/(4a)(1 − e^{−2at}) B² − B r(t));
    /// Vasicek: P(t,T) = A exp(−B r(t)), ln A = (b − σ²/(2a²))(B − (T − t)) − σ² B²/(4a).
    public func logBondIntercept(_ t: Double, _ T: Double) -> Double {
        let b = B(t, T)
        switch kind {
        case .hullWhite:
            return -curve.minusLogDiscount(T) + curve.minusLogDiscount(t) + b * curve.instantaneousForward(t)
                - sigma * sigma / (4 * a) * (1 - exp(-2 * a * t)) * b * b - b * alpha(t)
        case .vasicek:
            let lnA = (longRun - sigma * sigma / (2 * a * a)) * (b - (T - t)) - sigma * sigma * b * b / (4 * a)
            return lnA - b * alpha(t)
        }
    }

    /// P(t,T) given the short rate r(t) (for tests against independent references).
    public func discountBond(_ t: Double, _ T: Double, shortRate r: Double) -> Double {
        exp(logBondIntercept(t, T) - B(t, T) * (r - alpha(t)))
    }

    /// The exact OU step over Δ: x ← x·decay + sd·Z.
    public func step(_ dt: Double) -> (decay: Double, sd: Double) {
        let decay = exp(-a * dt)
        return (decay, sigma * ((1 - exp(-2 * a * dt)) / (2 * a)).squareRoot())
    }
}
