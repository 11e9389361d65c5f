rm removes files and (with -r) trees, without prompts.

  $ mkdir -p d/e && printf x > d/e/f && printf y > g && ln -s d link
  $ rm g && ls
  d
  link
  $ rm d
  rm: cannot remove 'd': Is a directory
  [1]
  $ rm link && ls d
  e
  $ rm -rv d
  removed 'd/e/f'
  removed directory 'd/e'
  removed directory 'd'
  $ ls
  $ rm nope
  rm: cannot remove 'nope': No such file or directory
  [1]
  $ rm -f nope
  $ mkdir empty && rm -d empty
  $ rm -r .
  rm: refusing to remove '.' or '..' directory: skipping '.'
  [1]
  $ rm
  usage: rm [-rRfdv] FILE...
  [2]
