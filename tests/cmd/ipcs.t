ipcmk, ipcs and ipcrm (System V IPC; util-linux's options, layouts and
messages). Other programs' objects may exist, so rows are picked by id.

The three tables, their headers in util-linux's layout:

  $ ipcs | grep -v '^0x'
  
  ------ Message Queues --------
  key        msqid      owner      perms      used-bytes   messages    
  
  ------ Shared Memory Segments --------
  key        shmid      owner      perms      bytes      nattch     status      
  
  ------ Semaphore Arrays --------
  key        semid      owner      perms      nsems     
  
  $ ipcs -s -q | grep '^---'
  ------ Message Queues --------
  ------ Semaphore Arrays --------

A queue, a segment and a semaphore array; ipcs shows each (key in hex,
id, owner, octal permissions, then the kind's columns):

  $ q=$(ipcmk -Q -p 640 | cut -d' ' -f4)
  $ m=$(ipcmk -M 5000 | cut -d' ' -f4)
  $ s=$(ipcmk -S 3 -p 0600 | cut -d' ' -f3)
  $ ipcs -q | grep " $q " | tr -s ' ' | cut -d' ' -f4-
  640 0 0 ? (re)
  $ ipcs -m | grep " $m " | tr -s ' ' | cut -d' ' -f4-
  644 5000 0 ? (re)
  $ ipcs -s | grep " $s " | tr -s ' ' | cut -d' ' -f4-
  600 3 ? (re)
  $ ipcs -q | grep " $q " | cut -c1-2,11-11,22-22,33-33,44-44
  0x    
  $ test "$(ipcs -a | grep -c -e " $q " -e " $m " -e " $s ")" = 3 && echo all three
  all three

ipcrm by id and by key; several at once; each failure is reported and
the status is 1:

  $ k=$(ipcs -q | grep " $q " | cut -d' ' -f1)
  $ ipcrm -Q $k -m $m
  $ ipcrm -s $s -q $q -m $m
  ipcrm: invalid id \(\d+\) (re)
  ipcrm: invalid id \(\d+\) (re)
  [1]
  $ ipcs | grep -c -e " $q " -e " $m " -e " $s "
  0
  [1]
  $ ipcrm -Q $k
  ipcrm: invalid key \(0x[0-9a-f]{8}\) (re)
  [1]
  $ ipcrm -M 0
  ipcrm: illegal key (0)
  [1]
  $ ipcrm -q abc
  ipcrm: failed to parse argument: 'abc'
  [1]
  $ ipcrm
  usage: ipcrm [-q ID] [-s ID] [-m ID] [-Q KEY] [-S KEY] [-M KEY]...
  [2]

The limits (Linux's defaults):

  $ ipcs -l -q
  
  ------ Messages Limits --------
  max queues system wide = 32000
  max size of message (bytes) = 8192
  default max size of queue (bytes) = 16384
  
  $ ipcs -l -s | grep 'max value'
  semaphore max value = 32767

Sizes in bytes (-b) or util-linux's human form (--human); the limits
follow the unit too:

  $ m=$(ipcmk -M 5000 -p 640 | cut -d' ' -f4)
  $ ipcs -m --human | grep -e '^key' -e " $m " | tr -s ' ' | cut -d' ' -f4-
  perms size nattch status 
  640 4.9K 0 ? (re)
  $ ipcs -m -b | grep " $m " | tr -s ' ' | cut -d' ' -f4-
  640 5000 0 ? (re)
  $ ipcs -l -q --human | grep size
  max size of message = 8K
  default max size of queue = 16K
  $ ipcs -l -m -b | grep min
  min seg size (bytes) = 1
  $ ipcs -l -m --human | grep min
  min seg size = 1B
  $ ipcs -u -q -b | grep space
  used space \(bytes\) = \d+ (re)
  $ ipcs -u -q --human | grep space
  used space = \d+(\.\d)?[BKMG] (re)

The detailed view of one object (-i/--id, with exactly one resource):

  $ q=$(ipcmk -Q -p 600 | cut -d' ' -f4)
  $ s=$(ipcmk -S 2 -p 0640 | cut -d' ' -f3)
  $ ipcs -q -i $q
  
  Message Queue msqid=\d+ (re)
  uid=\d+\tgid=\d+\tcuid=\d+\tcgid=\d+\tmode=0600 (re)
  cbytes=0\tqbytes=16384\tqnum=0\tlspid=0\tlrpid=0 (re)
  send_time=Not set                   
  rcv_time=Not set                   
  change_time=\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}   (re)
  
  $ ipcs --queues --id $q --human | grep size
  csize=0B\tqsize=16K\tqnum=0\tlspid=0\tlrpid=0 (re)
  $ ipcs -m -i $m
  
  Shared memory Segment shmid=\d+ (re)
  uid=\d+\tgid=\d+\tcuid=\d+\tcgid=\d+ (re)
  mode=0640\taccess_perms=0640 (re)
  bytes=5000\tlpid=0\tcpid=[1-9]\d*\tnattch=0 (re)
  att_time=Not set                   
  det_time=Not set                   
  change_time=\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}   (re)
  
  $ ipcs -m -i $m --human | grep size
  size=4.9K\tlpid=0\tcpid=[1-9]\d*\tnattch=0 (re)
  $ ipcs -s -i $s
  
  Semaphore Array semid=\d+ (re)
  uid=\d+\t gid=\d+\t cuid=\d+\t cgid=\d+ (re)
  mode=0640, access_perms=0640
  nsems = 2
  otime = Not set                   
  ctime = \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}   (re)
  semnum     value      ncount     zcount     pid       
  0          0          0          0          0         
  1          0          0          0          0         
  

Times (-t), pids (-p; semaphores have none), creators and owners (-c):

  $ ipcs -t -q | grep -e '^msqid' -e "^$q "
  msqid    owner      send                 recv                 change              
  \d+ +\S+ +Not set +Not set +\w{3} [ \d]\d \d\d:\d\d:\d\d      (re)
  $ ipcs --time -m | grep -e '^shmid' -e "^$m "
  shmid      owner      attached             detached             changed             
  \d+ +\S+ +Not set +Not set +\w{3} [ \d]\d \d\d:\d\d:\d\d      (re)
  $ ipcs -t -s | grep -e '^semid' -e "^$s "
  semid    owner      last-op                    last-changed              
  \d+ +\S+ +Not set +\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}   (re)
  $ ipcs -p -q | grep -e '^msqid' -e "^$q "
  msqid      owner      lspid      lrpid     
  \d+ +\S+ +0 +0 (re)
  $ ipcs --pid -m | grep -e '^shmid' -e "^$m " | tr -s ' '
  shmid owner cpid lpid 
  \d+ \S+ [1-9]\d* 0  (re)
  $ ipcs -p -s
  
  
  $ ipcs -c -s | grep -e '^---' -e '^semid' -e "^$s " | tr -s ' ' | cut -d' ' -f1-6
  ------ Semaphore Arrays Creators/Owners --------
  semid perms cuid cgid uid gid
  \d+ 640 \S+ \S+ \S+ \S+ (re)
  $ ipcs --creator -q | grep "^$q " | tr -s ' ' | cut -d' ' -f2
  600
  $ ipcs -c -t -m | grep '^---'
  ------ Shared Memory Attach/Detach/Change Times --------
  $ ipcrm -q $q -m $m -s $s

The errors util-linux gives:

  $ ipcs -i 1
  ipcs: when using an ID, a single resource must be specified
  [1]
  $ ipcs -q -s --id 1
  ipcs: when using an ID, a single resource must be specified
  [1]
  $ ipcs -m -i $m
  ipcs: id \d+ not found (re)
  $ ipcs -q -i abc
  ipcs: failed to parse id argument: 'abc'
  [1]
  $ ipcs -q -i 99999999999
  ipcs: failed to parse id argument: '99999999999': Numerical result out of range
  [1]
  $ ipcs -x
  ipcs: invalid option -- 'x'
  Try 'ipcs --help' for more information.
  [1]
  $ ipcs --id
  ipcs: option '--id' requires an argument
  Try 'ipcs --help' for more information.
  [1]
  $ ipcs --help | head -4
  
  Usage:
   ipcs [resource-option...] [output-option]
   ipcs -m|-q|-s -i <id>
