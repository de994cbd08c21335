#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tsunagu::http {

//! A parsed HTTP request, free of Beast types so domain handlers compile without Asio.
struct Request {
    std::string method;                          //!< "GET", "POST", ...
    std::string target;                          //!< raw target, path + query
    std::string path;                            //!< decoded path without query
    std::map<std::string, std::string> query;    //!< decoded query parameters
    std::map<std::string, std::string> headers;  //!< lower-cased names
    std::string body;
    std::string client_addr;
    std::string request_id;
    std::map<std::string, std::string> params;  //!< path parameters, e.g. {"id": "12"}
    bool secure = false;                        //!< served over TLS or a trusted proxy

    //! Header value or empty.
    std::string Header(const std::string& lower_name) const;
    //! Query parameter value or empty.
    std::string Query(const std::string& name) const;
    //! Cookie value from the Cookie header.
    std::optional<std::string> Cookie(const std::string& name) const;
    //! Path parameter as a positive integer id; throws NotFound when it is not one.
    long long IdParam(const std::string& name) const;
    //! Query parameter as an id: 0 when absent; ApiError 400 naming it when not digits.
    long long IdQuery(const std::string& name) const;
};

//! A response before serialisation. Security headers are added by the server for every response.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace tsunagu::http
