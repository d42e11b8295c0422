#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// Minimal UTF-8 code point helpers shared by the normalisers. Strict decoding (RFC 3629):
// overlong forms, surrogates and values above U+10FFFF are invalid.
namespace breathline::text::utf8 {

/// One decoded code point and the number of bytes (1..4) it occupied.
struct Decoded {
    char32_t code_point = 0;
    std::size_t length = 0;
};

/// Decodes the code point starting at byte `pos` of `text`. Returns nullopt when the bytes at
/// `pos` are not a complete, well-formed UTF-8 sequence or when `pos >= text.size()`.
std::optional<Decoded> decode_at(std::string_view text, std::size_t pos) noexcept;

/// Byte offset of the first ill-formed sequence in `text`, or nullopt when all of it is valid.
std::optional<std::size_t> find_invalid(std::string_view text) noexcept;

/// True when the whole of `text` is well-formed UTF-8 (the empty string is).
inline bool is_valid(std::string_view text) noexcept {
    return !find_invalid(text).has_value();
}

/// Appends the UTF-8 encoding of `code_point` to `out`. Precondition: `code_point` is a Unicode
/// scalar value (<= U+10FFFF and not a surrogate); anything else appends U+FFFD.
void append(std::string& out, char32_t code_point);

/// The UTF-8 encoding of a single code point (same rules as append()).
std::string encode(char32_t code_point);

} // namespace breathline::text::utf8
