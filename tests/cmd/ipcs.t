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
