#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace breathline::text {

/// The outcome of parsing user-supplied text: either a value or a human-readable reason.
/// Parsers return this instead of throwing because bad input in a registry file is an expected
/// outcome that the importer reports per field (C++20 has no std::expected yet).
template <class T> class ParseResult {
public:
    /// A successful result holding `value`.
    static ParseResult success(T value) {
        ParseResult result;
        result.m_value = std::move(value);
        return result;
    }

    /// A failed result; `reason` is a short English phrase, e.g. "month 13 out of range".
    static ParseResult failure(std::string reason) {
        ParseResult result;
        result.m_error = std::move(reason);
        return result;
    }

    /// True when a value is present.
    [[nodiscard]] bool has_value() const noexcept { return m_value.has_value(); }
    /// Same as has_value().
    explicit operator bool() const noexcept { return has_value(); }

    /// The value. Throws std::logic_error when called on a failure (a programming error).
    [[nodiscard]] const T& value() const& {
        if (!m_value) throw std::logic_error("ParseResult::value() on failure: " + m_error);
        return *m_value;
    }
    /// The value, moved out. Throws std::logic_error when called on a failure.
    [[nodiscard]] T&& value() && {
        if (!m_value) throw std::logic_error("ParseResult::value() on failure: " + m_error);
        return std::move(*m_value);
    }
    /// Unchecked access; precondition: has_value().
    const T& operator*() const& noexcept { return *m_value; }
    /// Unchecked member access; precondition: has_value().
    const T* operator->() const noexcept { return &*m_value; }

    /// The reason for the failure; empty on success.
    [[nodiscard]] const std::string& error() const noexcept { return m_error; }

private:
    ParseResult() = default;

    std::optional<T> m_value;
    std::string m_error;
};

} // namespace breathline::text
