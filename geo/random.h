#pragma once
/// Deterministic pseudo-random numbers for synthetic data (the demo patient registry, test
/// fixtures). The std:: distributions are deliberately not used: the standard fixes the
/// engines but not the distributions, so libstdc++, libc++ and MSVC draw different values
/// from the same seed. Everything here is written out by hand and gives bit-identical
/// sequences on any IEEE-754 platform that evaluates double arithmetic without extended
/// precision (x86-64 SSE2, AArch64; not x87), whatever the compiler's FMA contraction
/// setting (see detail::rounded).
///
/// Not for cryptography.

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace breathline::geo {

namespace detail {

/// One step of splitmix64 (Steele, Lea, Flood 2014): advances `state` and returns the next
/// output. Used to expand a single 64-bit seed into xoshiro's 256-bit state.
constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

/// Returns x rounded to double at this point. Compilers may fuse `a * b + c` into one FMA
/// instruction (GCC does in GNU mode with an -march that has FMA, Clang by default), which
/// rounds once instead of twice and changes the last bit; passing every product that feeds
/// an addition through a volatile makes the result the same with and without FMA. The cost
/// (a store and a load) does not matter for synthetic-data generation.
inline double rounded(double x) {
    volatile double v = x;
    return v;
}

/// Natural logarithm for x in (0, 1], from +, -, *, / and frexp only, so that the result is
/// the same on every platform (std::log is not required to be correctly rounded and libms
/// differ in the last bit). Relative error below 1e-15.
inline double portable_log(double x) {
    int exponent = 0;
    double m = std::frexp(x, &exponent); // exact: x = m * 2^exponent, m in [0.5, 1)
    constexpr double sqrt_half = 0.70710678118654752440;
    if (m < sqrt_half) {
        m *= 2.0; // exact
        --exponent;
    }
    // ln(m) = 2 atanh(t) = 2 (t + t^3/3 + t^5/5 + ...), with |t| <= 0.1716 for m in
    // [sqrt(1/2), sqrt(2)); 13 terms leave a remainder below 1e-20.
    const double t = (m - 1.0) / (m + 1.0);
    const double t2 = t * t;
    double series = 1.0 / 25.0;
    for (int n = 11; n >= 0; --n)
        series = 1.0 / static_cast<double>(2 * n + 1) + rounded(t2 * series);
    constexpr double ln2 = 0.69314718055994530942;
    return rounded(static_cast<double>(exponent) * ln2) + rounded(2.0 * t * series);
}

} // namespace detail

/// xoshiro256** 1.0 (Blackman and Vigna 2018) seeded through splitmix64, as the authors
/// recommend. Small (32 bytes), fast, and with a fixed, documented output sequence.
///
/// Thread safety: an Rng is a plain value; give each thread its own (e.g. seeded with
/// seed + thread number). Copying an Rng copies its position in the sequence.
class Rng {
public:
    /// Seeds the 256-bit state from `seed`; any seed, including 0, is fine.
    constexpr explicit Rng(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (std::uint64_t& word : m_state)
            word = detail::splitmix64_next(sm);
    }

    /// The next raw 64-bit output, uniform over all 2^64 values.
    constexpr std::uint64_t next_u64() {
        const std::uint64_t result = detail::rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = detail::rotl(m_state[3], 45);
        return result;
    }

    /// Uniform double in [0, 1) on the grid of multiples of 2^-53 (every value is exact).
    constexpr double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    /// Uniform double in [lo, hi) (lo itself when lo == hi). Precondition: lo <= hi, finite.
    double uniform(double lo, double hi) { return lo + detail::rounded((hi - lo) * uniform01()); }

    /// Uniform integer in the closed range [lo, hi], without modulo bias (rejection).
    /// Throws std::invalid_argument when lo > hi.
    constexpr std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) {
        if (lo > hi) throw std::invalid_argument("Rng::uniform_int: lo > hi");
        // Work in unsigned arithmetic, where wrap-around is defined: span = hi - lo + 1,
        // which is 0 exactly when the range covers all 2^64 values.
        const std::uint64_t span =
            static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1U;
        if (span == 0) return static_cast<std::int64_t>(next_u64());
        // Values below `threshold` = 2^64 mod span would make the low residues more likely.
        const std::uint64_t threshold = (0U - span) % span;
        std::uint64_t x = next_u64();
        while (x < threshold)
            x = next_u64();
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + x % span);
    }

    /// Standard normal deviate (mean 0, standard deviation 1) by Marsaglia's polar method,
    /// with a portable logarithm (see the file comment). The method produces two deviates per
    /// accepted pair; the second is discarded so that the state is only the 256-bit engine.
    double normal() {
        for (;;) {
            const double u = 2.0 * uniform01() - 1.0;
            const double v = 2.0 * uniform01() - 1.0;
            // 2.0 * x is exact, so a fused 2.0 * x - 1.0 above rounds the same way.
            const double s = detail::rounded(u * u) + detail::rounded(v * v);
            if (s >= 1.0 || s == 0.0) continue;
            return u * std::sqrt(-2.0 * detail::portable_log(s) / s);
        }
    }

    /// Normal deviate with the given mean and standard deviation (same units as both).
    /// Precondition: stddev >= 0.
    double normal(double mean, double stddev) { return mean + detail::rounded(stddev * normal()); }

private:
    std::uint64_t m_state[4]{};
};

} // namespace breathline::geo
