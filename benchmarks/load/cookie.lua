-- Sends the logged-in session's cookie (from the BENCH_COOKIE environment variable) with every request.
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
