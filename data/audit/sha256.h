#pragma once
/// SHA-256 (FIPS 180-4), used for the audit log's hash chain. A small own
/// implementation keeps the data layer free of a crypto dependency for one hash.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace breathline::data {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    /// Finishes and returns the 32-byte digest; the object must not be reused.
    std::array<std::uint8_t, 32> finish();

private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> m_h;
    std::array<std::uint8_t, 64> m_buf{};
    std::size_t m_buf_len = 0;
    std::uint64_t m_total = 0;
};

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

} // namespace breathline::data
