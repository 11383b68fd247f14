from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """allauth's backend, checking each user's password at most once per attempt.

    With both e-mail and user name as login methods, allauth tries an e-mail-shaped login as an
    e-mail twice (as the "username" fallback, then as "email"): a known address cost one password
    hash more than an unknown one, and so could be told apart by the time the answer takes.
    """

    def authenticate(self, request, **credentials):
        self._checked = set()
        return super().authenticate(request, **credentials)

    def _check_password(self, user, password):
        if user is not None:
            if user.pk in self._checked:
                return None  # its password was wrong a moment ago
            self._checked.add(user.pk)
        return super()._check_password(user, password)
