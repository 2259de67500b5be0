def post_init_hook(env):
    """Give every company that existed before the install its own configuration.

    The main company gets the shipped records (data files); the others get a
    copy of them.
    """
    main = env.ref("base.main_company", raise_if_not_found=False)
    others = env["res.company"].search([]) - main if main else env["res.company"]
    others._idic_copy_config_from(main)
