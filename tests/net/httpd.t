httpd and wget over loopback (docs/net-tools.md). Ports 18020-18039.

  $ waitport() { until netstat -$1 | grep -q ":$2 "; do sleep 0.05; done; }
  $ mkdir -p www/sub www/d && echo hello > www/a.txt && echo '<p>sub</p>' > www/sub/index.html
  $ echo x > 'www/d/s p&ce.txt'
  $ dd if=/dev/zero of=www/big bs=65536 count=40 2>/dev/null

-1 serves one connection and exits; without -f httpd returns once it
listens, so the next command can connect at once.

  $ httpd -1 -p 18020 -d www
  $ wget http://127.0.0.1:18020/a.txt
  'a.txt' saved [6/6]
  $ cat a.txt
  hello

A server in the foreground (the shell keeps its pid, and kills it on exit
should a command below hang) for the rest.

  $ httpd -f -p 18021 -d www & pid=$!
  $ trap 'kill $pid 2>/dev/null' EXIT
  $ waitport ltn 18021
  $ wget -q -O - http://localhost:18021/a.txt
  hello
  $ wget -O - http://127.0.0.1:18021/sub/
  <p>sub</p>
  '-' saved [11/11]

A directory without its '/' is redirected; a directory without index.html
is listed (names escaped).

  $ wget -q -O - http://127.0.0.1:18021/sub
  <p>sub</p>
  $ wget -q -O - http://127.0.0.1:18021/d/
  <html><head><title>Index of /d/</title></head><body>
  <h1>Index of /d/</h1>
  <ul>
  <li><a href="../">../</a></li>
  <li><a href="s%20p%26ce.txt">s p&amp;ce.txt</a></li>
  </ul></body></html>
  $ wget -q -O - 'http://127.0.0.1:18021/d/s%20p%26ce.txt'
  x

Errors: wget exits 8 on an error status, like GNU wget.

  $ wget -q -O - http://127.0.0.1:18021/nope
  wget: server returned 404 Not Found
  [8]
  $ wget -q -O - http://127.0.0.1:18021/../etc/passwd
  wget: server returned 400 Bad Request
  [8]
  $ wget -q -O - http://127.0.0.1:18021/%2e%2e/x
  wget: server returned 400 Bad Request
  [8]

A large file streams; the default output name is the last component.

  $ wget -q http://127.0.0.1:18021/big && md5sum big www/big | cut -c1-32
  8354dcaa18a1ecb52d0895bf00888c44
  8354dcaa18a1ecb52d0895bf00888c44

Keep-alive and pipelining: three requests on one connection, the last
with "Connection: close"; HEAD has no body; POST is 405.

  $ printf 'GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\nHEAD /a.txt HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nConnection: close\r\n\r\n' | nc 127.0.0.1 18021 | tr -d '\r'
  HTTP/1.1 200 OK
  Server: kestrel-httpd
  Content-Type: text/plain
  Content-Length: 6
  Connection: keep-alive
  
  hello
  HTTP/1.1 200 OK
  Server: kestrel-httpd
  Content-Type: text/plain
  Content-Length: 6
  Connection: keep-alive
  
  HTTP/1.1 405 Method Not Allowed
  Server: kestrel-httpd
  Content-Type: text/html
  Content-Length: 108
  Connection: close
  Allow: GET, HEAD
  
  <html><head><title>405 Method Not Allowed</title></head><body><h1>405 Method Not Allowed</h1></body></html>

HTTP/1.0 closes after one response; garbage is 400.

  $ printf 'GET /a.txt HTTP/1.0\r\n\r\nGET /a.txt HTTP/1.0\r\n\r\n' | nc 127.0.0.1 18021 | grep -c '^HTTP'
  1
  $ printf 'hello\r\n\r\n' | nc 127.0.0.1 18021 | head -1 | tr -d '\r'
  HTTP/1.1 400 Bad Request

Concurrent clients: one connection stays open (keep-alive) while another
is served.

  $ (printf 'GET /a.txt HTTP/1.1\r\n\r\n'; sleep 1) | nc 127.0.0.1 18021 | grep -c hello > c1 & c1=$!
  $ wget -q -O - http://127.0.0.1:18021/a.txt
  hello
  $ wait $c1; cat c1
  1

A client that disconnects in the middle of a large file does not kill the
server.

  $ printf 'GET /big HTTP/1.1\r\n\r\n' | nc 127.0.0.1 18021 | head -c 100 > /dev/null
  $ wget -q -O - http://127.0.0.1:18021/a.txt
  hello
  $ { kill $pid; wait $pid; } 2>/dev/null
  [143]

wget's own errors.

  $ wget -q http://127.0.0.1:18039/
  wget: connect to 127.0.0.1 port 18039: Connection refused
  [4]
  $ wget https://example.com/
  wget: https://example.com/: unsupported or invalid URL (only http:// is supported)
  [1]
  $ wget
  usage: wget [-q] [-O FILE|-] URL
  [2]

Chunked bodies and redirects from a scripted server (nc -l).

  $ printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n world\n\r\n0\r\nX-Trailer: 1\r\n\r\n' | nc -l -w 10 18030 > req &
  $ waitport ltn 18030
  $ wget -q -O - http://127.0.0.1:18030/some/path?q=1
  hello world
  $ wait; tr -d '\r' < req
  GET /some/path?q=1 HTTP/1.1
  Host: 127.0.0.1:18030
  User-Agent: kestrel-wget
  Accept: */*
  Connection: close
  
  $ printf 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort' | nc -l -w 10 18031 > /dev/null &
  $ waitport ltn 18031
  $ wget -q -O out http://127.0.0.1:18031/
  wget: connection closed early (5 bytes read)
  [4]
  $ wait
