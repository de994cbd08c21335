#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tsunagu::http {

//! A parsed HTTP request, free of Beast types so domain handlers compile without Asio.
//! Which page of a list a request asks for (docs/api-conventions.md, Lists).
struct PageQuery {
    int page = 1;
    int per_page = 50;
};

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
    //! `page` (from 1) and `per_page` (default 50, at most 200) of a paged list; 400 naming a bad one.
    PageQuery Paging() const;
};

//! A response before serialisation. Security headers are added by the server for every response.
struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    //! Set when the response may leave only after writes made durable elsewhere (the audit rows of
    //! a read, committed by the group committer): call it with a completion that receives whether
    //! they were committed. The server awaits that without holding a thread.
    std::function<void(std::function<void(bool committed)>)> after_durable;
};

}  // namespace tsunagu::http
