The /proc readers, for their shape (the numbers vary):

  $ free
                 total        used        free      shared  buff/cache   available
  Mem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ (re)
  Swap: +\d+ +\d+ +\d+ (re)
  $ free -h
                 total        used        free      shared  buff/cache   available
  Mem: +(\S+ +){5}\S+ (re)
  Swap: +\S+ +\S+ +\S+ (re)
  $ uptime
   \d\d:\d\d:\d\d up .*,  load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d (re)
  $ uptime -p
  up \d+ .* (re)
  $ ps -p $$
    PID TTY          TIME CMD
  \s*\d+ \S+ +\d\d:\d\d:\d\d \S+ (re)
  $ ps -f -p $$
  UID          PID    PPID  C STIME TTY          TIME CMD
  \S+ +\d+ +\d+ +\d+ \S+ +\S+ +\d\d:\d\d:\d\d .+ (re)
  $ ps -p 999999999
    PID TTY          TIME CMD
  [1]
  $ ps -q
  ps: unknown option -- 'q'
  usage: ps [-e|-A] [-f] [-p PID[,PID]...] | ps [a][u][x]
  [2]
  $ top -b -n 1 -d 0.1 > top.out; echo $?
  0
  $ { read a; read b; read c; read d; read e; read f; read g; echo "$a"; echo "$b"; echo "$c"; echo "$d"; echo "$e"; echo "$f"; echo "$g"; } < top.out
  top - \d\d:\d\d:\d\d up .*,  load average: .* (re)
  Tasks: +\d+ total, +\d+ running, +\d+ sleeping, +\d+ stopped, +\d+ zombie (re)
  %Cpu\(s\): +\d+\.\d us, +\d+\.\d sy, +\d+\.\d ni, +\d+\.\d id, +\d+\.\d wa, +\d+\.\d hi, +\d+\.\d si, +\d+\.\d st (re)
  MiB Mem : +\d+\.\d total, +\d+\.\d free, +\d+\.\d used, +\d+\.\d buff/cache (re)
  MiB Swap: +\d+\.\d total, +\d+\.\d free, +\d+\.\d used\. +\d+\.\d avail Mem (re)
  
  \s*PID USER      PR  NI    VIRT    RES S  %CPU  %MEM     TIME\+ COMMAND (re)
  $ nproc
  [1-9]\d* (re)
  $ mount > mounts.out && echo ok
  ok
