chmod with octal and symbolic modes (umask 022 for the symbolic ones).

  $ umask 022; touch f
  $ chmod 644 f && stat -c %A f
  -rw-r--r--
  $ chmod u+x,g-r f && stat -c %A f
  -rwx---r--
  $ chmod a=rx,u+w f && stat -c %A f
  -rwxr-xr-x
  $ chmod -w f && stat -c %A f
  -r-xr-xr-x
  $ chmod g=u,o+t f && stat -c %A f
  -r-xr-xr-t
  $ chmod 4755 f && stat -c %A f
  -rwsr-xr-x
  $ mkdir -p d/e && touch d/e/x && chmod -R go-rwx d && stat -c %A d d/e d/e/x
  drwx------
  drwx------
  -rw-------
  $ chmod -v 600 f
  mode of 'f' changed from 4755 to 0600
  $ chmod 999 f
  chmod: invalid mode: '999'
  usage: chmod [-Rvcf] MODE FILE...
  [2]
  $ chmod 600 nope
  chmod: cannot access 'nope': No such file or directory
  [1]
  $ chmod 600
  usage: chmod [-Rvcf] MODE FILE...
  [2]
